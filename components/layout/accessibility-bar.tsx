import { changeFontSize, toggleHighContrast } from '@/app/display-actions';

/** eMAG's bar: skip links with access keys 1–4, high contrast and text size, all usable without JavaScript. */
export function AccessibilityBar({ highContrast }: { highContrast: boolean }) {
  const skip = 'rounded px-2 py-1 underline-offset-2 hover:underline focus:underline';
  return (
    <div className="bg-slate-900 text-sm text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-1">
        <nav aria-label="Atalhos de acessibilidade">
          <ul className="flex flex-wrap gap-x-3">
            <li><a className={skip} href="#conteudo" accessKey="1">Ir para o conteúdo [1]</a></li>
            <li><a className={skip} href="#menu" accessKey="2">Ir para o menu [2]</a></li>
            <li><a className={skip} href="#busca" accessKey="3">Ir para a busca [3]</a></li>
            <li><a className={skip} href="#rodape" accessKey="4">Ir para o rodapé [4]</a></li>
          </ul>
        </nav>
        <div className="flex items-center gap-2">
          <form action={toggleHighContrast}>
            <button type="submit" className="rounded px-2 py-1 underline-offset-2 hover:underline" aria-pressed={highContrast}>
              Alto contraste
            </button>
          </form>
          <form action={changeFontSize} className="flex gap-1">
            <button type="submit" name="step" value="up" className="rounded px-2 py-1 hover:underline" aria-label="Aumentar o texto">
              A+
            </button>
            <button type="submit" name="step" value="down" className="rounded px-2 py-1 hover:underline" aria-label="Diminuir o texto">
              A−
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
