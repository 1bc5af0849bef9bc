import type { Metadata } from 'next';
import { FormMessage } from '@/components/demand/form-parts';
import { requireStaff } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { formatDateTime } from '@/lib/domain/labels';
import {
  countStuckMessages,
  listBouncedMessages,
  listFailedInboundEmails,
  listFailedMessages,
  outboxBacklog,
  outboxCounts,
  type OutboxChannelBacklog,
} from '@/lib/delivery/outbox-admin';
import { retryAllMessages, retryMessage } from './actions';

export const metadata: Metadata = { title: 'Envios de notificações' };

const TEMPLATE_LABELS: Record<string, string> = {
  demand_received: 'Recebimento',
  demand_forwarded: 'Encaminhamento',
  public_reply: 'Resposta',
  info_requested: 'Pedido de complementação',
  deadline_extended: 'Prorrogação',
  final_answer: 'Resposta conclusiva',
  demand_archived: 'Arquivamento',
  demand_reopened: 'Reabertura',
  satisfaction_survey: 'Pesquisa de satisfação',
  appeal_filed: 'Recurso recebido (LAI)',
  appeal_decided: 'Recurso decidido (LAI)',
  staff_new_demand: 'Nova demanda (equipe)',
  staff_due_soon: 'Prazo perto do fim (equipe)',
  staff_overdue: 'Prazo vencido (equipe)',
  staff_digest: 'Resumo diário (equipe)',
};
const CHANNEL = { email: 'E-mail', whatsapp: 'WhatsApp', messenger: 'Messenger', instagram: 'Instagram', push: 'Aviso no navegador' } as const;
const STATUS = { pending: 'Na fila', sent: 'Enviadas', failed: 'Com falha' } as const;
const RESULTS: Record<string, { status: 'success' | 'error'; text: string }> = {
  reenviando: { status: 'success', text: 'A mensagem voltou para a fila e será enviada em instantes.' },
  nada: { status: 'error', text: 'Nada a reenviar: a mensagem já tinha voltado para a fila ou sido enviada.' },
  invalido: { status: 'error', text: 'Mensagem não encontrada.' },
};

type Props = { searchParams: Promise<{ resultado?: string | string[] }> };

export default async function OutboxAdminPage({ searchParams }: Props) {
  const actor = await guarded(requireStaff, '/painel/admin/envios');
  if (actor.role !== 'admin') {
    return (
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Envios de notificações</h1>
        <p>Esta página é só para administradores.</p>
      </div>
    );
  }
  const { resultado } = await searchParams;
  const result = typeof resultado === 'string' ? RESULTS[resultado] : undefined;
  const [backlog, counts, stuck, failed, bounced, inboundFailed] = await Promise.all([
    outboxBacklog(),
    outboxCounts(),
    countStuckMessages(),
    listFailedMessages(),
    listBouncedMessages(),
    listFailedInboundEmails(),
  ]);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Envios de notificações</h1>
      {result && <FormMessage status={result.status} message={result.text} />}

      <BacklogTable rows={backlog} />

      <section aria-labelledby="resumo">
        <h2 id="resumo" className="text-lg font-semibold">
          Todas as mensagens
        </h2>
        <ul className="mt-2 space-y-1">
          {counts.map((row) => (
            <li key={`${row.channel}-${row.status}`}>
              {CHANNEL[row.channel]} — {STATUS[row.status]}: <strong>{row.total}</strong>
            </li>
          ))}
          {stuck.map((row) => (
            <li key={`stuck-${row.channel}`} className="font-medium text-red-800">
              {CHANNEL[row.channel]}: {row.total} na fila há mais de uma hora
              {row.channel === 'whatsapp' ? ' (o envio por WhatsApp ainda não está configurado?)' : ''}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="falhas" className="space-y-3">
        <h2 id="falhas" className="text-lg font-semibold">
          Mensagens que falharam
        </h2>
        {failed.length === 0 ? (
          <p>Nenhuma mensagem com falha.</p>
        ) : (
          <>
            <form action={retryAllMessages}>
              <button type="submit" className="rounded border border-brand px-4 py-2 font-semibold text-brand hover:bg-slate-100">
                Reenviar todas ({failed.length})
              </button>
            </form>
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">Mensagens com falha, da mais recente para a mais antiga</caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="py-2 pr-3">Mensagem</th>
                  <th scope="col" className="py-2 pr-3">Protocolo</th>
                  <th scope="col" className="py-2 pr-3">Para</th>
                  <th scope="col" className="py-2 pr-3">Tentativas</th>
                  <th scope="col" className="py-2 pr-3">Último erro</th>
                  <th scope="col" className="py-2 pr-3">Criada em</th>
                  <th scope="col" className="py-2">Ação</th>
                </tr>
              </thead>
              <tbody>
                {failed.map((row) => (
                  <tr key={row.id} className="border-b border-slate-200 align-top">
                    <td className="py-2 pr-3">
                      {TEMPLATE_LABELS[row.template] ?? row.template} ({CHANNEL[row.channel]})
                    </td>
                    <td className="py-2 pr-3">{row.protocol ?? '—'}</td>
                    <td className="py-2 pr-3">{row.recipient}</td>
                    <td className="py-2 pr-3">{row.attempts}</td>
                    <td className="max-w-xs break-words py-2 pr-3">{row.lastError ?? '—'}</td>
                    <td className="py-2 pr-3">{formatDateTime(row.createdAt)}</td>
                    <td className="py-2">
                      <form action={retryMessage}>
                        <input type="hidden" name="id" value={row.id} />
                        <button
                          type="submit"
                          className="rounded bg-brand px-3 py-1 font-semibold text-white hover:bg-brand-dark"
                          aria-label={`Reenviar: ${TEMPLATE_LABELS[row.template] ?? row.template}${row.protocol ? `, protocolo ${row.protocol}` : ''}`}
                        >
                          Reenviar
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="devolvidos" className="space-y-3">
        <h2 id="devolvidos" className="text-lg font-semibold">
          E-mails que voltaram
        </h2>
        <p className="text-sm text-slate-700">O servidor do destinatário recusou a mensagem depois de aceita pelo provedor (endereço inexistente, caixa cheia…).</p>
        {bounced.length === 0 ? (
          <p>Nenhum e-mail voltou.</p>
        ) : (
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">E-mails devolvidos, do mais recente para o mais antigo</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2 pr-3">Mensagem</th>
                <th scope="col" className="py-2 pr-3">Protocolo</th>
                <th scope="col" className="py-2 pr-3">Para</th>
                <th scope="col" className="py-2 pr-3">Motivo</th>
                <th scope="col" className="py-2">Voltou em</th>
              </tr>
            </thead>
            <tbody>
              {bounced.map((row) => (
                <tr key={row.id} className="border-b border-slate-200 align-top">
                  <td className="py-2 pr-3">{TEMPLATE_LABELS[row.template] ?? row.template}</td>
                  <td className="py-2 pr-3">{row.protocol ?? '—'}</td>
                  <td className="py-2 pr-3">{row.recipient}</td>
                  <td className="max-w-xs break-words py-2 pr-3">{row.bounceDetail ?? '—'}</td>
                  <td className="py-2">{row.bouncedAt ? formatDateTime(row.bouncedAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="recebidos-falha" className="space-y-3">
        <h2 id="recebidos-falha" className="text-lg font-semibold">
          E-mails recebidos que ainda não foram registrados
        </h2>
        <p className="text-sm text-slate-700">Ficam na caixa de entrada e são tentados de novo sozinhos, com intervalos cada vez maiores.</p>
        {inboundFailed.length === 0 ? (
          <p>Nenhum e-mail recebido com falha.</p>
        ) : (
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">E-mails recebidos com falha, do mais recente para o mais antigo</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2 pr-3">De</th>
                <th scope="col" className="py-2 pr-3">Assunto</th>
                <th scope="col" className="py-2 pr-3">Tentativas</th>
                <th scope="col" className="py-2 pr-3">Último erro</th>
                <th scope="col" className="py-2">Próxima tentativa</th>
              </tr>
            </thead>
            <tbody>
              {inboundFailed.map((row) => (
                <tr key={row.id} className="border-b border-slate-200 align-top">
                  <td className="py-2 pr-3">{row.from}</td>
                  <td className="max-w-xs break-words py-2 pr-3">{row.subject || '(sem assunto)'}</td>
                  <td className="py-2 pr-3">{row.attempts}</td>
                  <td className="max-w-xs break-words py-2 pr-3">{row.lastError ?? '—'}</td>
                  <td className="py-2">{row.retryAt ? formatDateTime(row.retryAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** "—", "40 s", "12 min", "3 h 05 min", "2 dias": how long the oldest due message has waited. */
function formatWait(seconds: number): string {
  if (seconds <= 0) return '—';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} dias`;
}

/** The same figures /api/metrics exports (lib/delivery/outbox-admin.ts `outboxBacklog`). */
function BacklogTable({ rows }: { rows: OutboxChannelBacklog[] }) {
  return (
    <section aria-labelledby="fila" className="space-y-2">
      <h2 id="fila" className="text-lg font-semibold">
        Fila de envio agora
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Mensagens na fila, espera da mais antiga e falhas, por canal</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2 pr-3">Canal</th>
              <th scope="col" className="py-2 pr-3">Na fila</th>
              <th scope="col" className="py-2 pr-3">Prontas para enviar</th>
              <th scope="col" className="py-2 pr-3">Espera da mais antiga</th>
              <th scope="col" className="py-2">Com falha</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.channel} className="border-b border-slate-200">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {CHANNEL[row.channel]}
                </th>
                <td className="py-2 pr-3">{row.backlog}</td>
                <td className="py-2 pr-3">{row.due}</td>
                <td className={`py-2 pr-3 ${row.oldestDueAgeSeconds >= 15 * 60 ? 'font-semibold text-red-800' : ''}`}>{formatWait(row.oldestDueAgeSeconds)}</td>
                <td className={`py-2 ${row.failed > 0 ? 'font-semibold text-red-800' : ''}`}>{row.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-700">
        “Na fila” inclui as que esperam uma nova tentativa; “prontas para enviar” já deveriam ter saído. Uma espera longa indica que nenhum
        worker está enviando ou que o provedor está fora do ar.
      </p>
    </section>
  );
}
