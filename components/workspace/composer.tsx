'use client';

import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';

const noSubscription = () => () => {};

export type ComposerTab = { key: string; label: string; content: ReactNode };

/**
 * The demand's writing area: one tab per kind of message (reply, internal note, final answer), as WAI-ARIA
 * tabs once JavaScript runs (arrow keys, Home and End move between tabs). Without JavaScript — and in the
 * HTML before it loads — each form is its own section under a list of links to them, so every form posts
 * on its own. Hidden panels stay mounted: switching tabs never loses what was typed.
 * `initial` is the tab asked for in the address (`?acao=`), or the first.
 */
export function Composer({ tabs, initial }: { tabs: ComposerTab[]; initial?: string }) {
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const [active, setActive] = useState(() => (tabs.some((tab) => tab.key === initial) ? initial : tabs[0]?.key));
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const base = useId();
  // Asked for in the address (the "r"/"n" shortcuts from the queue): the cursor goes to its text.
  useEffect(() => {
    if (!initial) return;
    document.querySelector<HTMLElement>(`[data-composer-panel="${initial}"] textarea`)?.focus();
  }, [initial]);
  if (!tabs.length) return null;

  const tabId = (key: string) => `${base}-aba-${key}`;
  const panelId = (key: string) => `compor-${key}`;
  const choose = (key: string) => {
    setActive(key);
    tabRefs.current.get(key)?.focus();
  };
  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = tabs.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[next];
    if (tab) choose(tab.key);
  };

  return (
    <section aria-labelledby={`${base}-titulo`} className="rounded border border-slate-300 bg-white">
      <h2 id={`${base}-titulo`} className={enhanced ? 'sr-only' : 'px-4 pt-3 text-xl font-bold'}>
        Escrever
      </h2>
      {enhanced ? (
        <div role="tablist" aria-label="Escrever" className="flex flex-wrap gap-1 border-b border-slate-300 px-2 pt-2">
          {tabs.map((tab, index) => {
            const selected = tab.key === active;
            return (
              <button
                key={tab.key}
                ref={(element) => {
                  if (element) tabRefs.current.set(tab.key, element);
                  else tabRefs.current.delete(tab.key);
                }}
                type="button"
                role="tab"
                id={tabId(tab.key)}
                aria-selected={selected}
                aria-controls={panelId(tab.key)}
                tabIndex={selected ? 0 : -1}
                data-composer-tab={tab.key}
                onClick={() => setActive(tab.key)}
                onKeyDown={(event) => onTabKeyDown(event, index)}
                className={`-mb-px rounded-t border px-4 py-2 font-semibold ${selected ? 'border-slate-300 border-b-white bg-white text-brand' : 'border-transparent text-slate-800 hover:bg-slate-100'}`}
              >
                {tab.label}
              </button>
            );
          })}
        </div>
      ) : (
        <nav aria-label="Formulários de escrita" className="px-4 pt-1">
          <ul className="flex flex-wrap gap-x-4">
            {tabs.map((tab) => (
              <li key={tab.key}>
                <a href={`#${panelId(tab.key)}`} className="text-brand underline">
                  {tab.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {tabs.map((tab) => (
        <div
          key={tab.key}
          id={panelId(tab.key)}
          role={enhanced ? 'tabpanel' : 'region'}
          aria-labelledby={enhanced ? tabId(tab.key) : `${panelId(tab.key)}-titulo`}
          hidden={enhanced && tab.key !== active}
          tabIndex={enhanced ? 0 : undefined}
          data-composer-panel={tab.key}
          className="p-4"
        >
          <h3 id={`${panelId(tab.key)}-titulo`} className={enhanced ? 'hidden' : 'mb-3 text-lg font-semibold'}>
            {tab.label}
          </h3>
          {tab.content}
        </div>
      ))}
    </section>
  );
}
