'use client';

import { useEffect, useRef, useState } from 'react';

/** How long typing must pause before the count is read out. */
const ANNOUNCE_AFTER_MS = 1200;

/**
 * The count of a text area with a `maxlength`: shown once the person types, read out by screen readers
 * only once typing pauses (a polite live region), never on every key. Without JavaScript it states the limit.
 */
export function CharacterCounter({ fieldId, maxLength }: { fieldId: string; maxLength: number }) {
  const [length, setLength] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const field = document.getElementById(fieldId);
    if (!(field instanceof HTMLTextAreaElement)) return;
    const update = () => {
      const used = field.value.length;
      setLength(used);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setAnnouncement(remainingText(maxLength - used)), ANNOUNCE_AFTER_MS);
    };
    field.addEventListener('input', update);
    return () => {
      field.removeEventListener('input', update);
      clearTimeout(timer.current);
    };
  }, [fieldId, maxLength]);
  const limit = maxLength.toLocaleString('pt-BR');
  return (
    <>
      <p className="mt-1 text-sm text-slate-700" aria-hidden={length !== null}>
        {length === null ? `Até ${limit} caracteres.` : `${length.toLocaleString('pt-BR')} de ${limit} caracteres`}
      </p>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

function remainingText(remaining: number): string {
  if (remaining <= 0) return 'Limite de caracteres atingido.';
  return remaining === 1 ? 'Resta 1 caractere.' : `Restam ${remaining.toLocaleString('pt-BR')} caracteres.`;
}
