'use client';

import { useState, useSyncExternalStore } from 'react';

const subscribeToNothing = () => () => {};

/** Copies a value to the clipboard; absent without JavaScript, where the text itself can be selected. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  // The Clipboard API exists only in secure contexts; without it the button would do nothing.
  const available = useSyncExternalStore(subscribeToNothing, () => Boolean(navigator.clipboard), () => false);
  const [copied, setCopied] = useState(false);
  if (!available) return null;

  async function copy() {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} className="rounded border border-brand px-3 py-1 text-sm font-semibold text-brand hover:bg-sky-50">
        {label}
      </button>
      <span role="status" className="text-sm text-green-800">
        {copied ? 'Copiado.' : ''}
      </span>
    </span>
  );
}
