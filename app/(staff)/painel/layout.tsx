import Link from 'next/link';
import type { ReactNode } from 'react';
import { currentActor, STAFF_ROLES } from '@/lib/auth/guards';
import { ROLE_LABELS } from '@/lib/domain/labels';
import { isDataProtectionOfficer } from '@/lib/privacy/requests';
import type { Role } from '@/lib/domain/vocabulary';
import { signOutAction } from './sign-out-action';

const LINKS: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: '/painel', label: 'Filas', roles: ['attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'appeal_authority'] },
  { href: '/painel/recursos', label: 'Recursos (LAI)', roles: ['appeal_authority'] },
  { href: '/painel/registrar', label: 'Registrar demanda', roles: ['attendant', 'ombudsman'] },
  { href: '/painel/estatisticas', label: 'Estatísticas', roles: ['ombudsman', 'manager'] },
  { href: '/painel/admin', label: 'Administração', roles: ['admin'] },
  { href: '/painel/conta', label: 'Minha conta', roles: ['attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'admin', 'appeal_authority'] },
];

/**
 * The workspace's menu and the way out. Not a check: every page, action and query checks the actor
 * itself; the menu is only shown to staff.
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const isStaff = actor !== null && (STAFF_ROLES as readonly Role[]).includes(actor.role);
  const officer = actor !== null && isStaff && (await isDataProtectionOfficer(actor));
  return (
    <div>
      {actor && isStaff && (
        <div className="mb-8 flex flex-wrap items-center justify-between gap-3 border-b border-slate-300 pb-3">
          <nav aria-label="Painel de trabalho">
            <ul className="flex flex-wrap gap-x-5 gap-y-2">
              {LINKS.filter((link) => link.roles.includes(actor.role)).map((link) => (
                <li key={link.href}>
                  <Link href={link.href} className="font-semibold text-brand underline">
                    {link.label}
                  </Link>
                </li>
              ))}
              {officer && (
                <li>
                  <Link href="/painel/privacidade" className="font-semibold text-brand underline">
                    Dados pessoais (LGPD)
                  </Link>
                </li>
              )}
            </ul>
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span>
              {actor.name} · {ROLE_LABELS[actor.role]}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded border border-slate-500 px-3 py-1 hover:bg-slate-100">
                Sair
              </button>
            </form>
          </div>
        </div>
      )}
      {children}
    </div>
  );
}
