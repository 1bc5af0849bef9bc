'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';

/** What each key does, as the "?" dialog lists it. */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'j', action: 'Próxima manifestação da fila' },
  { keys: 'k', action: 'Manifestação anterior da fila' },
  { keys: 'Enter', action: 'Abrir a manifestação escolhida' },
  { keys: 'r', action: 'Escrever uma resposta ao cidadão' },
  { keys: 'n', action: 'Escrever uma nota interna' },
  { keys: '/', action: 'Buscar na fila' },
  { keys: '?', action: 'Mostrar esta lista de atalhos' },
];

const COMPOSE = { r: { tab: 'resposta', label: 'Resposta ao cidadão' }, n: { tab: 'nota', label: 'Nota interna' } } as const;

/** Keys typed into a field, a select or an editable area are the person's text, never a command. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Enter on a link, a button or a tab already does its own thing. */
function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('a, button, summary, [role="tab"], dialog') !== null;
}

function queueRows(): HTMLTableRowElement[] {
  return Array.from(document.querySelectorAll<HTMLTableRowElement>('[data-queue-table] [data-queue-row]')).filter((row) => row.offsetParent !== null);
}

/**
 * The workspace's keyboard shortcuts (listed by "?"): j/k move through the queue, Enter opens, r and n
 * open the composer's reply or note, / goes to the search. Each move is announced in a live region.
 * Keys with Ctrl, Alt or Meta, and keys typed in fields, are left alone. Without JavaScript nothing
 * changes: every shortcut has a link or a form that does the same.
 */
export function WorkspaceShortcuts() {
  const router = useRouter();
  const pathname = usePathname();
  const [announcement, setAnnouncement] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const selected = useRef(-1);
  const titleId = useId();

  // "/" from a page without the search comes to the queue's: focus it once there.
  useEffect(() => {
    if (window.location.hash !== '#busca') return;
    document.getElementById('busca')?.focus();
  }, [pathname]);

  useEffect(() => {
    selected.current = -1;
  }, [pathname]);

  useEffect(() => {
    const announce = (text: string) => {
      // A repeated message is still read: clear first, then set.
      setAnnouncement('');
      window.setTimeout(() => setAnnouncement(text), 30);
    };
    const select = (step: number) => {
      const rows = queueRows();
      if (!rows.length) return announce('Não há manifestações nesta fila.');
      const current = rows.findIndex((row) => row.hasAttribute('data-selected'));
      const from = current === -1 ? (rows.findIndex((row) => row.querySelector('[aria-current]')) ?? -1) : current;
      const next = from === -1 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, from + step));
      rows.forEach((row) => row.removeAttribute('data-selected'));
      const row = rows[next];
      if (!row) return;
      row.setAttribute('data-selected', '');
      selected.current = next;
      const link = row.querySelector<HTMLAnchorElement>('[data-row-link]');
      link?.focus();
      const subject = row.cells[1]?.firstChild?.textContent ?? '';
      announce(`${next + 1} de ${rows.length}: protocolo ${link?.textContent ?? ''}, ${subject}`);
    };
    const open = () => {
      const link = queueRows()
        .find((row) => row.hasAttribute('data-selected'))
        ?.querySelector<HTMLAnchorElement>('[data-row-link]');
      if (!link) return false;
      announce(`Abrindo a manifestação ${link.textContent ?? ''}.`);
      link.click();
      return true;
    };
    const compose = (key: keyof typeof COMPOSE) => {
      const { tab, label } = COMPOSE[key];
      const button = document.querySelector<HTMLButtonElement>(`[data-composer-tab="${tab}"]`);
      if (button) {
        button.click();
        window.setTimeout(() => document.querySelector<HTMLElement>(`[data-composer-panel="${tab}"] textarea`)?.focus(), 0);
        return announce(`${label}: escreva no campo de texto.`);
      }
      const row = queueRows().find((candidate) => candidate.hasAttribute('data-selected'));
      const link = row?.querySelector<HTMLAnchorElement>('[data-row-link]');
      if (link) {
        const target = new URL(link.href);
        target.searchParams.set('acao', tab);
        announce(`Abrindo a manifestação ${link.textContent ?? ''} em ${label}.`);
        return router.push(`${target.pathname}${target.search}`);
      }
      announce(`${label} não está disponível aqui.`);
    };
    const search = () => {
      const field = document.getElementById('busca');
      if (field && field.offsetParent !== null) {
        field.focus();
        return announce('Busca na fila.');
      }
      const folded = field?.closest('details');
      if (field && folded) {
        folded.open = true;
        field.focus();
        return announce('Busca na fila.');
      }
      router.push('/painel#busca');
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target) || dialog.current?.open) return;
      switch (event.key) {
        case 'j':
        case 'k':
          event.preventDefault();
          return select(event.key === 'j' ? 1 : -1);
        case 'Enter':
          if (!isControl(event.target) && open()) event.preventDefault();
          return;
        case 'r':
        case 'n':
          event.preventDefault();
          return compose(event.key);
        case '/':
          event.preventDefault();
          return search();
        case '?':
          event.preventDefault();
          dialog.current?.showModal();
          return;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [router]);

  return (
    <>
      <p aria-live="polite" aria-atomic="true" className="sr-only" data-shortcut-announcer>
        {announcement}
      </p>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-[min(32rem,90vw)] rounded border border-slate-400 p-0 shadow-xl backdrop:bg-slate-900/50">
        <div className="space-y-4 p-5">
          <h2 id={titleId} className="text-xl font-bold">
            Atalhos de teclado
          </h2>
          <p className="text-sm text-slate-700">Funcionam fora dos campos de texto; com Ctrl, Alt ou Cmd as teclas fazem o que o navegador faz.</p>
          <table className="w-full text-left">
            <caption className="sr-only">Teclas e o que fazem</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-1 pr-4">
                  Tecla
                </th>
                <th scope="col" className="py-1">
                  Ação
                </th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map((shortcut) => (
                <tr key={shortcut.keys} className="border-b border-slate-200">
                  <td className="py-1 pr-4">
                    <kbd className="rounded border border-slate-400 bg-slate-100 px-1.5 font-mono">{shortcut.keys}</kbd>
                  </td>
                  <td className="py-1">{shortcut.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="dialog">
            <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
              Fechar
            </button>
          </form>
        </div>
      </dialog>
    </>
  );
}
