'use client';

import { useSelectedLayoutSegment } from 'next/navigation';
import type { ReactNode } from 'react';

/**
 * The public site's frame (accessibility bar, header, footer, the narrow column) around every page but the
 * staff workspace, which draws its own full-width shell (app/(staff)/painel/layout.tsx). The root layout's
 * first selected segment names the route group, on the server as in the browser, so the right frame is in
 * the HTML from the start — no JavaScript needed.
 */
export function PublicChrome({ bar, header, footer, children }: { bar: ReactNode; header: ReactNode; footer: ReactNode; children: ReactNode }) {
  const group = useSelectedLayoutSegment();
  if (group === '(staff)') return children;
  return (
    <>
      {bar}
      {header}
      <main id="conteudo" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
        {children}
      </main>
      {footer}
    </>
  );
}
