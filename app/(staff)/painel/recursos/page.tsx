import type { Metadata } from 'next';
import Link from 'next/link';
import { RadioGroupField, TextAreaField } from '@/components/ui/field-client';
import { ActionForm, HiddenField } from '@/components/workspace/action-form';
import { listPendingAppeals } from '@/lib/demands/information-requests';
import { deadlineStatus } from '@/lib/domain/deadlines';
import { APPEAL_KIND_LABELS, DENIAL_GROUND_LABELS, INSTANCE_LABELS, OUTCOME_LABELS } from '@/lib/domain/information-requests';
import { formatDate, formatDateTime } from '@/lib/domain/labels';
import { requireStaffPage } from '../staff-page';
import { decideAppealAction } from './actions';

export const metadata: Metadata = { title: 'Recursos de acesso à informação' };

function deadlineText(dueOn: string, now: Date): { text: string; late: boolean } {
  const { daysLeft } = deadlineStatus(dueOn, now);
  if (daysLeft < 0) return { text: `Atrasado: venceu em ${formatDate(dueOn)}`, late: true };
  if (daysLeft === 0) return { text: `Vence hoje (${formatDate(dueOn)})`, late: false };
  return { text: `Decidir até ${formatDate(dueOn)} (${daysLeft} ${daysLeft === 1 ? 'dia' : 'dias'})`, late: false };
}

/** The appeal authority's queue: the recursos and reclamações por omissão of its instances, each with its 5-day deadline. */
export default async function AppealQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage('/painel/recursos');
  const search = await searchParams;
  const now = new Date();
  const pending = await listPendingAppeals(actor);
  const instances = actor.appealInstances ?? [];

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Recursos de acesso à informação</h1>
      {search.feito === 'decidido' && (
        <p role="status" className="rounded border-l-4 border-green-700 bg-green-50 px-3 py-2 text-green-900">
          Decisão registrada; o cidadão será avisado.
        </p>
      )}
      {actor.role !== 'appeal_authority' || !instances.length ? (
        <p>Esta fila é da autoridade que julga os recursos da Lei de Acesso à Informação. A administração define quem julga cada instância.</p>
      ) : (
        <>
          <p>
            Você julga: {instances.map((i) => (i === 2 ? '2ª instância' : '1ª instância e reclamações por omissão')).join('; ')}. Cada recurso deve ser
            decidido em 5 dias (Lei 12.527/2011, art. 15, parágrafo único).
          </p>
          {!pending.length && <p>Não há recursos esperando decisão.</p>}
          <ol className="space-y-4">
            {pending.map((appeal) => {
              const deadline = deadlineText(appeal.dueOn, now);
              const heading = appeal.kind === 'appeal' ? INSTANCE_LABELS[appeal.instance === 2 ? 2 : 1] : APPEAL_KIND_LABELS.omission_complaint;
              return (
                <li key={appeal.id} className="rounded border border-slate-300 p-4">
                  <h2 className="text-lg font-bold">
                    {heading} — protocolo {appeal.protocol}
                  </h2>
                  <p className={deadline.late ? 'font-semibold text-red-800' : 'font-semibold'}>{deadline.text}</p>
                  <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                    <dt className="font-semibold">Assunto</dt>
                    <dd>{appeal.subject}</dd>
                    <dt className="font-semibold">Apresentado em</dt>
                    <dd>{formatDateTime(appeal.filedAt)}</dd>
                    {appeal.informationOutcome && (
                      <>
                        <dt className="font-semibold">Resultado da resposta</dt>
                        <dd>
                          {OUTCOME_LABELS[appeal.informationOutcome]}
                          {appeal.denialGround ? ` — ${DENIAL_GROUND_LABELS[appeal.denialGround]}` : ''}
                        </dd>
                      </>
                    )}
                    <dt className="font-semibold">Razões do cidadão</dt>
                    <dd className="whitespace-pre-line">{appeal.reason}</dd>
                  </dl>
                  <p className="mt-2">
                    <Link href={`/painel/demandas/${appeal.protocol}`} className="text-brand underline">
                      Ler o pedido, a resposta e o histórico
                    </Link>
                  </p>
                  <div className="mt-3">
                    <ActionForm title={`Decidir — ${appeal.protocol}`} action={decideAppealAction} submitLabel="Registrar decisão">
                      <HiddenField name="demandId" value={appeal.demandId} />
                      <HiddenField name="appealId" value={appeal.id} />
                      <RadioGroupField
                        name="decision"
                        label="Decisão"
                        options={[
                          { value: 'granted', label: appeal.kind === 'appeal' ? 'Provido (o acesso deve ser dado)' : 'Acolhida (o pedido deve ser respondido)' },
                          { value: 'denied', label: appeal.kind === 'appeal' ? 'Não provido' : 'Não acolhida' },
                        ]}
                      />
                      <TextAreaField name="decisionText" label="Decisão fundamentada" hint="O cidadão recebe este texto por e-mail ou WhatsApp." rows={6} />
                    </ActionForm>
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
