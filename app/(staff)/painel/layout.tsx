import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { AccessibilityBar, STAFF_SKIP_LINKS } from '@/components/layout/accessibility-bar';
import { FoldMenuOnNavigate, StaffNav, type StaffNavLink, type StaffNavQueue, type StaffNavView } from '@/components/workspace/staff-nav';
import { WorkspaceShortcuts } from '@/components/workspace/shortcuts';
import { LivePulse, LiveStatus } from '@/components/workspace/live-pulse';
import { currentActor, STAFF_ROLES, type Actor } from '@/lib/auth/guards';
import { countQueues } from '@/lib/db/queries/demand-queues';
import { countUnreadStaffAlerts, UNREAD_COUNT_CAP } from '@/lib/demands/staff-alerts';
import { listSavedViews } from '@/lib/db/queries/saved-views';
import { ROLE_LABELS } from '@/lib/domain/labels';
import { QUEUE_LABELS, QUEUE_SLUGS, queuesFor } from '@/lib/domain/queues';
import type { Role } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { readDisplayPreferences } from '@/lib/preferences/display';
import { isDataProtectionOfficer } from '@/lib/privacy/requests';
import { signOutAction } from './sign-out-action';

const LINKS: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: '/painel/recursos', label: 'Recursos (LAI)', roles: ['appeal_authority'] },
  { href: '/painel/registrar', label: 'Registrar demanda', roles: ['attendant', 'ombudsman'] },
  { href: '/painel/mapa', label: 'Mapa das filas', roles: ['attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'appeal_authority'] },
  { href: '/painel/estatisticas', label: 'Estatísticas', roles: ['ombudsman', 'manager'] },
  { href: '/painel/admin', label: 'Administração', roles: ['admin'] },
  { href: '/painel/avisos', label: 'Avisos', roles: ['attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'admin', 'appeal_authority'] },
  { href: '/painel/conta', label: 'Minha conta', roles: ['attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'admin', 'appeal_authority'] },
];

/**
 * The workspace's full-width shell: the queues with their counts and the other pages in a side column
 * (a "Menu" disclosure below 1024 px), who is signed in, the way out. Not a check: every page, action and
 * query checks the actor itself; the shell is only drawn for staff.
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const [actor, display] = await Promise.all([currentActor(), readDisplayPreferences()]);
  const isStaff = actor !== null && (STAFF_ROLES as readonly Role[]).includes(actor.role);
  const bar = <AccessibilityBar highContrast={display.highContrast} skipLinks={STAFF_SKIP_LINKS} wide />;
  if (!actor || !isStaff) {
    return (
      <>
        {bar}
        <main id="conteudo" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
      </>
    );
  }
  const { queues, views, links, unread } = await navigationFor(actor);
  const nav = (
    <Suspense>
      <StaffNav queues={queues} views={views} links={links} />
    </Suspense>
  );
  const counts = Object.fromEntries(queues.flatMap((queue) => (queue.count === undefined ? [] : [[queue.slug, queue.count]])));
  return (
    <LivePulse counts={counts}>
      {bar}
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-300 bg-white px-4 py-2">
        <details className="staff-menu relative lg:hidden">
          <summary className="cursor-pointer list-none rounded border border-slate-500 px-3 py-1.5 font-semibold hover:bg-slate-100">
            Menu<span className="sr-only"> do painel de trabalho</span>
          </summary>
          <div className="absolute left-0 z-30 mt-2 w-72 rounded border border-slate-300 bg-slate-50 shadow-lg">
            {nav}
          </div>
        </details>
        <Link href="/painel" className="font-bold text-brand">
          Painel de trabalho <span className="font-normal text-slate-700">· Ouvidoria {municipality.name}</span>
        </Link>
        <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
          <LiveStatus />
          {unread > 0 && (
            <Link href="/painel/avisos" className="rounded bg-amber-200 px-2 py-1 font-semibold text-slate-900 underline">
              {unread > UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP}+` : unread} {unread === 1 ? 'aviso não lido' : 'avisos não lidos'}
            </Link>
          )}
          <p>
            <span className="font-semibold">{actor.name || actor.email}</span>
            <span className="text-slate-700"> · {ROLE_LABELS[actor.role]}</span>
          </p>
          <form action={signOutAction}>
            <button type="submit" className="rounded border border-slate-500 px-3 py-1 hover:bg-slate-100">
              Sair
            </button>
          </form>
        </div>
      </header>
      <div className="flex flex-1">
        <aside id="menu" tabIndex={-1} aria-label="Navegação do painel" className="hidden w-64 shrink-0 border-r border-slate-300 bg-slate-50 lg:block">
          <div className="sticky top-0">
            {nav}
          </div>
        </aside>
        <main id="conteudo" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 lg:px-6">
          {children}
        </main>
      </div>
      <Suspense>
        <FoldMenuOnNavigate />
      </Suspense>
      <WorkspaceShortcuts />
    </LivePulse>
  );
}

/**
 * The queues the actor works, counted through the queue query (which checks the role again), their saved
 * views (own and shared with their secretaria), their pages, and how many alerts they have not read.
 */
async function navigationFor(actor: Actor): Promise<{ queues: StaffNavQueue[]; views: StaffNavView[]; links: StaffNavLink[]; unread: number }> {
  const [counts, officer, saved, unread] = await Promise.all([countQueues({ actor }), isDataProtectionOfficer(actor), listSavedViews({ actor }), countUnreadStaffAlerts(actor)]);
  const queues = queuesFor(actor.role).map((queue) => ({
    slug: QUEUE_SLUGS[queue],
    label: QUEUE_LABELS[queue],
    href: `/painel?fila=${QUEUE_SLUGS[queue]}`,
    count: counts[queue],
  }));
  const links: StaffNavLink[] = LINKS.filter((link) => link.roles.includes(actor.role)).map(({ href, label }) =>
    href === '/painel/avisos' ? { href, label, count: unread, countLabel: unread === 1 ? 'aviso não lido' : 'avisos não lidos' } : { href, label },
  );
  if (officer) links.splice(links.length - 1, 0, { href: '/painel/privacidade', label: 'Dados pessoais (LGPD)' });
  const views = saved.map((view) => ({ id: view.id, label: view.name, href: `/painel/visoes/${view.id}`, sharedWith: view.departmentName }));
  return { queues, views, links, unread };
}
