import Link from 'next/link';
import { changeFontSize, toggleHighContrast } from '@/app/display-actions';

/**
 * eMAG's bar: skip links with access keys 1–4, high contrast and text size, all usable without JavaScript.
 * On a phone the skip links stay out of sight until focused, so the bar takes one line.
 */
const PUBLIC_SKIP_LINKS = [
  { href: '#conteudo', label: 'Ir para o conteúdo', key: '1' },
  { href: '#menu', label: 'Ir para o menu', key: '2' },
  { href: '#busca', label: 'Ir para a busca', key: '3' },
  { href: '#rodape', label: 'Ir para o rodapé', key: '4' },
];

/** The staff workspace has no footer; its menu is the side navigation and its search the queue's. */
export const STAFF_SKIP_LINKS = PUBLIC_SKIP_LINKS.slice(0, 3);

export function AccessibilityBar({ highContrast, skipLinks = PUBLIC_SKIP_LINKS, wide = false }: { highContrast: boolean; skipLinks?: typeof PUBLIC_SKIP_LINKS; wide?: boolean }) {
  const target = 'inline-flex min-h-8 min-w-8 items-center justify-center rounded px-2 underline-offset-2 hover:underline';
  const skip = `${target} max-sm:sr-only max-sm:focus:not-sr-only focus:underline`;
  return (
    <div className="bg-slate-900 text-sm text-white">
      <div className={`${wide ? '' : 'mx-auto max-w-5xl'} flex flex-wrap items-center justify-between gap-x-2 px-2 sm:px-4`}>
        <nav aria-label="Atalhos de acessibilidade">
          <ul className="flex flex-wrap gap-x-2">
            {skipLinks.map((link) => (
              <li key={link.href}>
                <a className={skip} href={link.href} accessKey={link.key}>
                  {link.label} [{link.key}]
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-1">
          <Link href="/acessibilidade" className={target}>
            Acessibilidade
          </Link>
          <form action={toggleHighContrast}>
            <button type="submit" className={target} aria-pressed={highContrast}>
              Alto contraste
            </button>
          </form>
          <form action={changeFontSize} className="flex gap-1">
            <button type="submit" name="step" value="up" className={target}>
              A+<span className="sr-only"> Aumentar o texto</span>
            </button>
            <button type="submit" name="step" value="down" className={target}>
              A−<span className="sr-only"> Diminuir o texto</span>
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
