import type { Metadata } from 'next';
import { SubmitButton } from '@/components/ui/submit-button';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { formatDate, formatDateTime, KIND_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { DEMAND_KINDS } from '@/lib/domain/vocabulary';
import { REQUEST_STATE_LABELS } from '@/lib/privacy/export';
import { requireDataProtectionOfficerPage } from '@/lib/privacy/officer-page';
import { listDataProtectionQueue, REQUEST_SCOPE_LABELS } from '@/lib/privacy/requests';
import { listRetentionRuns, previewRetention, retentionRuleFromEnv } from '@/lib/privacy/retention';
import { Flash } from '../admin/flash';
import { requireStaffPage } from '../staff-page';
import { retentionDryRunAction } from './actions';
import { DecisionForm } from './decision-form';

export const metadata: Metadata = { title: 'Dados pessoais (LGPD)' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const MESSAGES = {
  decidido: 'Decisão registrada. O cidadão será avisado por e-mail.',
  simulado: 'Simulação registrada. Nada foi alterado; veja abaixo o que a regra alcança hoje.',
};

const TRIGGER_LABELS: Record<string, string> = { worker: 'Automática', command: 'Comando', admin: 'Painel' };

/** The encarregado's desk (LGPD art. 41): the citizens' requests by deadline, and the retention rule's runs. */
export default async function DataProtectionPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireDataProtectionOfficerPage(await requireStaffPage('/painel/privacidade'));
  const params = await searchParams;
  const rule = retentionRuleFromEnv();
  const [queue, runs, preview] = await Promise.all([
    listDataProtectionQueue(actor),
    listRetentionRuns(),
    params.simulacao === '1' ? previewRetention(rule) : Promise.resolve(null),
  ]);
  const today = dateInSaoPaulo(new Date());
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Dados pessoais (LGPD)</h1>
      <p className="mt-2 text-slate-700">
        Pedidos dos titulares para anonimizar seus dados, com prazo de 15 dias (LGPD art. 19, II), e a regra de retenção.
      </p>
      <div className="mt-4">
        <Flash params={params} messages={MESSAGES} />
      </div>

      <section aria-labelledby="pendentes" className="mt-8">
        <h2 id="pendentes" className="text-xl font-semibold">
          Pedidos aguardando decisão ({queue.pending.length})
        </h2>
        {queue.pending.length === 0 && <p className="mt-2">Nenhum pedido pendente.</p>}
        <ul className="mt-3 space-y-4">
          {queue.pending.map((request) => (
            <li key={request.id} className="rounded border border-slate-300 p-4">
              <h3 className="font-semibold">
                {request.requesterName || 'Sem nome'} ({request.requesterEmail})
              </h3>
              <p>{REQUEST_SCOPE_LABELS[request.scope]}</p>
              <p>
                Pedido em {formatDateTime(request.createdAt)}; prazo {formatDate(request.dueOn)}
                {request.dueOn < today ? <strong className="text-red-800"> — prazo vencido</strong> : null}
              </p>
              <p>
                Pedidos concluídos que serão anonimizados: {request.finishedDemands}. Em andamento (ficam como estão): {request.runningDemands}.
              </p>
              {request.reason && <p className="mt-1 whitespace-pre-line">Motivo informado: {request.reason}</p>}
              <DecisionForm requestId={request.id} />
            </li>
          ))}
        </ul>
      </section>

      {queue.decided.length > 0 && (
        <section aria-labelledby="decididos" className="mt-10">
          <h2 id="decididos" className="text-xl font-semibold">
            Decididos recentemente
          </h2>
          <ul className="mt-3 space-y-2">
            {queue.decided.map((request) => (
              <li key={request.id}>
                {request.decidedAt ? formatDateTime(request.decidedAt) : ''} — {REQUEST_STATE_LABELS[request.state]} —{' '}
                {REQUEST_SCOPE_LABELS[request.scope]} — {request.anonymisedDemands ?? 0} pedido(s) anonimizado(s)
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="retencao" className="mt-10">
        <h2 id="retencao" className="text-xl font-semibold">
          Regra de retenção
        </h2>
        <p className="mt-2">
          Pedidos concluídos ou arquivados têm os dados do solicitante anonimizados depois destes prazos, contados da conclusão. A execução
          automática (uma vez por dia) só começa depois de uma simulação registrada.
        </p>
        <ul className="mt-2 list-disc pl-6">
          {DEMAND_KINDS.map((kind) => (
            <li key={kind}>
              {KIND_LABELS[kind]}: {rule[kind] === null ? 'sem prazo (dados guardados)' : `${rule[kind]} dias`}
            </li>
          ))}
        </ul>
        <form action={retentionDryRunAction} className="mt-4">
          <SubmitButton variant="secondary">Simular agora (não altera nada)</SubmitButton>
        </form>
        {preview && (
          <div className="mt-4">
            <h3 className="font-semibold">O que a regra anonimizaria hoje: {preview.total} pedido(s)</h3>
            {preview.demands.length > 0 && (
              <table className="mt-2 w-full border-collapse text-left text-sm">
                <caption className="sr-only">Pedidos alcançados pela regra de retenção</caption>
                <thead>
                  <tr>
                    <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">Protocolo</th>
                    <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">Tipo</th>
                    <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">Situação</th>
                    <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">Concluído em</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.demands.map((demand) => (
                    <tr key={demand.id}>
                      <td className="border border-slate-300 px-2 py-1">{demand.protocol}</td>
                      <td className="border border-slate-300 px-2 py-1">{KIND_LABELS[demand.kind]}</td>
                      <td className="border border-slate-300 px-2 py-1">{STATE_LABELS[demand.state]}</td>
                      <td className="border border-slate-300 px-2 py-1">{demand.closedAt ? formatDate(demand.closedAt) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
        <h3 className="mt-6 font-semibold">Execuções</h3>
        {runs.length === 0 ? (
          <p className="mt-1">Nenhuma execução ainda.</p>
        ) : (
          <table className="mt-2 w-full border-collapse text-left text-sm">
            <caption className="sr-only">Execuções da regra de retenção</caption>
            <thead>
              <tr>
                <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">Início</th>
                <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">Tipo</th>
                <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">Origem</th>
                <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">Selecionados</th>
                <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">Anonimizados</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td className="border border-slate-300 px-2 py-1">{formatDateTime(run.startedAt)}</td>
                  <td className="border border-slate-300 px-2 py-1">{run.dryRun ? 'Simulação' : 'Real'}</td>
                  <td className="border border-slate-300 px-2 py-1">{TRIGGER_LABELS[run.trigger] ?? run.trigger}</td>
                  <td className="border border-slate-300 px-2 py-1">{run.selected}</td>
                  <td className="border border-slate-300 px-2 py-1">{run.finishedAt ? run.anonymised : 'em andamento'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
