import type { Metadata } from 'next';
import Link from 'next/link';
import { SubmitButton } from '@/components/ui/submit-button';
import { listStaffAlerts, type StaffAlertItem, type StaffAlertKind } from '@/lib/demands/staff-alerts';
import { formatDate, formatDateTime, KIND_LABELS, SERVICE_LABELS } from '@/lib/domain/labels';
import { requireStaffPage } from '../staff-page';
import { markAlertsReadAction } from './actions';

export const metadata: Metadata = { title: 'Avisos' };

const KIND_TEXT: Record<StaffAlertKind, string> = {
  new_demand: 'Nova na fila',
  forwarded: 'Encaminhada à sua secretaria',
  assigned: 'Atribuída a você',
  due_soon: 'Prazo perto de vencer',
  overdue: 'Prazo vencido',
};

const DONE: Record<string, { status: 'ok' | 'error'; text: string }> = {
  lido: { status: 'ok', text: 'Aviso marcado como lido.' },
  todos: { status: 'ok', text: 'Todos os avisos foram marcados como lidos.' },
  'nao-encontrado': { status: 'error', text: 'Aviso não encontrado: ele pode ter sido de outra pessoa ou expirado.' },
};

/**
 * The signed-in person's alerts — the ones that also go by e-mail — newest first, unread on top. Read
 * per person: marking one read here does not mark it for a colleague of the same secretaria.
 */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage('/painel/avisos');
  const [result, search] = await Promise.all([listStaffAlerts(actor), searchParams]);
  const done = typeof search.feito === 'string' ? DONE[search.feito] : undefined;
  const alerts = result.ok ? result.alerts : [];
  const unread = result.ok ? result.unread : 0;
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Avisos</h1>
      <p>
        Os avisos que também chegam por e-mail: manifestações novas na sua fila, encaminhadas à sua secretaria ou atribuídas a você, e prazos perto de vencer
        ou vencidos. Ficam aqui por 60 dias.
      </p>
      {done && (
        <p
          role={done.status === 'error' ? 'alert' : 'status'}
          className={`rounded border-l-4 px-3 py-2 ${done.status === 'error' ? 'border-red-700 bg-red-50 text-red-900' : 'border-green-700 bg-green-50 text-green-900'}`}
        >
          {done.text}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="font-semibold">{unread === 0 ? 'Nenhum aviso não lido.' : unread === 1 ? '1 aviso não lido.' : `${unread > 99 ? 'Mais de 99' : unread} avisos não lidos.`}</p>
        {unread > 0 && (
          <form action={markAlertsReadAction}>
            <input type="hidden" name="alertId" value="todos" />
            <SubmitButton variant="secondary">Marcar todos como lidos</SubmitButton>
          </form>
        )}
      </div>
      {alerts.length === 0 ? (
        <p>Você não tem avisos nos últimos 60 dias.</p>
      ) : (
        <ul className="divide-y divide-slate-300 border-y border-slate-300" aria-label="Avisos, os não lidos primeiro">
          {alerts.map((alert) => (
            <AlertRow key={alert.id} alert={alert} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AlertRow({ alert }: { alert: StaffAlertItem }) {
  return (
    <li className={`flex flex-wrap items-start justify-between gap-3 py-3 ${alert.read ? '' : 'border-l-4 border-amber-500 bg-amber-50 pl-3'}`} data-alert={alert.protocol}>
      <div className="min-w-0 space-y-1">
        <p className="font-semibold">
          {!alert.read && <span className="mr-1 rounded bg-amber-200 px-1.5 text-sm text-slate-900">Não lido</span>} {KIND_TEXT[alert.kind]}
        </p>
        <p>
          <Link href={`/painel/demandas/${alert.protocol}`} className="font-semibold text-brand underline">
            Protocolo {alert.protocol}
          </Link>{' '}
          — {alert.subject}
        </p>
        <p className="text-sm text-slate-700">
          {SERVICE_LABELS[alert.service]} · {KIND_LABELS[alert.demandKind]} · prazo {formatDate(alert.dueOn)} · aviso de {formatDateTime(alert.createdAt)}
        </p>
      </div>
      {!alert.read && (
        <form action={markAlertsReadAction}>
          <input type="hidden" name="alertId" value={alert.id} />
          <SubmitButton variant="secondary">
            Marcar como lido <span className="sr-only">o protocolo {alert.protocol}</span>
          </SubmitButton>
        </form>
      )}
    </li>
  );
}
