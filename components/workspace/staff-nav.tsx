'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

export type StaffNavLink = { href: string; label: string; count?: number; countLabel?: string };
/** Past this, a count reads "99+". */
const UNREAD_SHOWN = 99;

export type StaffNavQueue = { slug: string; label: string; href: string; count?: number };
/** A saved view; `sharedWith` names the secretaria it is shared with (null: the person's own). */
export type StaffNavView = { id: string; label: string; href: string; sharedWith: string | null };

/**
 * The workspace's navigation: the actor's queues with how many wait in each, then the other pages. The
 * shell draws it twice — a side column on wide screens, a "Menu" disclosure on a tablet — and only one
 * is ever displayed. The current page is marked with aria-current.
 */
export function StaffNav({ queues, views = [], links }: { queues: StaffNavQueue[]; views?: StaffNavView[]; links: StaffNavLink[] }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const currentView = pathname === '/painel' ? search.get('visao') : null;
  const currentQueue = pathname === '/painel' && !currentView ? (search.get('fila') ?? queues[0]?.slug) : undefined;
  const linkClass = (active: boolean) =>
    `flex items-center justify-between gap-2 rounded px-3 py-2 ${active ? 'bg-brand font-semibold text-white' : 'text-slate-900 hover:bg-slate-200'}`;
  return (
    <nav aria-label="Painel de trabalho" className="space-y-5 p-3">
      {queues.length > 0 && (
        <div>
          <h2 className="px-3 text-sm font-bold uppercase tracking-wide text-slate-700">Filas</h2>
          <ul className="mt-1 space-y-0.5">
            {queues.map((queue) => {
              const active = queue.slug === currentQueue;
              return (
                <li key={queue.slug}>
                  <Link href={queue.href} aria-current={active ? 'page' : undefined} className={linkClass(active)}>
                    <span>{queue.label}</span>
                    {queue.count !== undefined && (
                      <span className={`rounded-full px-2 text-sm font-semibold ${active ? 'bg-white text-slate-900' : 'bg-slate-200 text-slate-900'}`}>
                        {queue.count.toLocaleString('pt-BR')}
                        <span className="sr-only"> {queue.count === 1 ? 'manifestação' : 'manifestações'}</span>
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {views.length > 0 && (
        <div>
          <h2 className="px-3 text-sm font-bold uppercase tracking-wide text-slate-700">Visões salvas</h2>
          <ul className="mt-1 space-y-0.5">
            {views.map((view) => {
              const active = view.id === currentView;
              return (
                <li key={view.id}>
                  <Link href={view.href} aria-current={active ? 'page' : undefined} className={linkClass(active)}>
                    <span>
                      {view.label}
                      {view.sharedWith && <span className={`block text-sm font-normal ${active ? 'text-white' : 'text-slate-700'}`}>Compartilhada: {view.sharedWith}</span>}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <ul className="space-y-0.5 border-t border-slate-300 pt-3">
        {links.map((link) => {
          const active = link.href !== '/painel' && (pathname === link.href || pathname.startsWith(`${link.href}/`));
          return (
            <li key={link.href}>
              <Link href={link.href} aria-current={active ? 'page' : undefined} className={linkClass(active)}>
                <span>{link.label}</span>
                {link.count ? (
                  <span className={`rounded-full px-2 text-sm font-semibold ${active ? 'bg-white text-slate-900' : 'bg-amber-200 text-slate-900'}`}>
                    {link.count > UNREAD_SHOWN ? `${UNREAD_SHOWN}+` : link.count}
                    <span className="sr-only"> {link.countLabel}</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * The shell stays mounted across client-side navigations, and so would the tablet's opened menu: folds it
 * when the page or the queue changes (without JavaScript every link loads a page with the menu folded).
 */
export function FoldMenuOnNavigate() {
  const pathname = usePathname();
  const search = useSearchParams();
  const query = search.toString();
  useEffect(() => {
    document.querySelector('details.staff-menu')?.removeAttribute('open');
  }, [pathname, query]);
  return null;
}
