import Link from 'next/link';
import type { ReactNode } from 'react';
import { currentActor } from '@/lib/auth/guards';
import { emailDeliveryOff } from '@/lib/delivery/config';

const SECTIONS = [
  { href: '/painel/admin/secretarias', label: 'Secretarias' },
  { href: '/painel/admin/categorias', label: 'Serviços e assuntos' },
  { href: '/painel/admin/carta-de-servicos', label: 'Carta de Serviços' },
  { href: '/painel/admin/usuarios', label: 'Usuários' },
  { href: '/painel/admin/modelos-de-resposta', label: 'Modelos de resposta' },
  { href: '/painel/admin/etiquetas', label: 'Etiquetas' },
  { href: '/painel/admin/macros', label: 'Macros' },
  { href: '/painel/admin/acessos-a-identidade', label: 'Acessos à identidade' },
  { href: '/painel/admin/verificacao-em-duas-etapas', label: 'Verificação em duas etapas' },
  { href: '/painel/admin/open311', label: 'Chaves Open311' },
];

/**
 * The admin area's menu. Not a check: each page and action below calls `requireRole('admin')` itself;
 * the menu is merely hidden from anyone else (who gets the 403 page).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  return (
    <div>
      {actor?.role === 'admin' && (
        <nav aria-label="Administração" className="mb-8 border-b border-slate-300 pb-3">
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            <li>
              <Link href="/painel/admin" className="font-semibold text-brand underline">
                Administração
              </Link>
            </li>
            {SECTIONS.map((section) => (
              <li key={section.href}>
                <Link href={section.href} className="text-brand underline">
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {actor?.role === 'admin' && emailDeliveryOff() && (
        <div className="mb-8 rounded border-2 border-amber-700 bg-amber-50 p-4 text-amber-950">
          <p className="font-semibold">O envio de e-mails está desligado (EMAIL_DELIVERY=off).</p>
          <p>
            Nenhum e-mail sai do sistema: cidadãos não recebem recibos, avisos nem links de acompanhamento, e as
            equipes não recebem alertas. Configure <code>RESEND_API_KEY</code> e retire <code>EMAIL_DELIVERY=off</code> para
            enviar.
          </p>
        </div>
      )}
      {children}
    </div>
  );
}

