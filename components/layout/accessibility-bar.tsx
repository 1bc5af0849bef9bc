import Link from 'next/link';
import { changeFontSize, toggleHighContrast } from '@/app/display-actions';

/**
 * eMAG's bar: skip links with access keys 1–4, high contrast and text size, all usable without JavaScript.
 * On a phone the skip links stay out of sight until focused, so the bar takes one line.
 */
export function AccessibilityBar({ highContrast }: { highContrast: boolean }) {
  const target = 'inline-flex min-h-8 min-w-8 items-center justify-center rounded px-2 underline-offset-2 hover:underline';
  const skip = `${target} max-sm:sr-only max-sm:focus:not-sr-only focus:underline`;
  return (
    <div className="bg-slate-900 text-sm text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-2 px-2 sm:px-4">
        <nav aria-label="Atalhos de acessibilidade">
          <ul className="flex flex-wrap gap-x-2">
            <li><a className={skip} href="#conteudo" accessKey="1">Ir para o conteúdo [1]</a></li>
            <li><a className={skip} href="#menu" accessKey="2">Ir para o menu [2]</a></li>
            <li><a className={skip} href="#busca" accessKey="3">Ir para a busca [3]</a></li>
            <li><a className={skip} href="#rodape" accessKey="4">Ir para o rodapé [4]</a></li>
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
