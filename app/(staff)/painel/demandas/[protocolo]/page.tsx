import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DemandDetail } from '@/components/workspace/demand-detail';
import { ChatConversation } from '@/components/workspace/chat-conversation';
import { EmailConversation } from '@/components/workspace/email-conversation';
import { chatThreadsForStaff } from '@/lib/channels/chat/staff-thread';
import { emailThreadForStaff } from '@/lib/channels/email/staff-thread';
import { getDemandForStaff, listAssignableStaff } from '@/lib/db/queries/demand-page';
import { listActiveCategories, listActiveDepartments, listAnswerTemplates } from '@/lib/db/queries/workspace-options';
import { canPerform } from '@/lib/domain/permissions';
import { escalationRefusal, extensionRefusal, STAFF_ACTIONS, type StaffAction } from '@/lib/domain/transitions';
import { informationExtensionRefusal } from '@/lib/domain/information-requests';
import { ROLE_LABELS } from '@/lib/domain/labels';
import { municipality } from '@/lib/municipality';
import { requireStaffPage } from '../../staff-page';
import { DemandActionForms, type ActionFormOptions } from './action-forms';
import { RevealIdentityForm } from './reveal-identity-form';

export const metadata: Metadata = { title: 'Manifestação' };

/** The confirmation shown after an action; the action redirects here with one of these keys. */
const DONE_MESSAGES: Record<string, string> = {
  classificada: 'Classificação salva.',
  encaminhada: 'Manifestação encaminhada; as secretarias e o cidadão serão avisados.',
  atribuida: 'Manifestação atribuída.',
  nota: 'Nota interna registrada.',
  complementacao: 'Complementação pedida ao cidadão; o prazo está suspenso.',
  resposta: 'Resposta enviada ao cidadão.',
  prorrogada: 'Prazo prorrogado; o cidadão será avisado.',
  respondida: 'Resposta conclusiva enviada.',
  arquivada: 'Manifestação arquivada.',
  reaberta: 'Manifestação reaberta.',
  levada: 'Reclamação registrada na Ouvidoria.',
  registrada: 'Demanda registrada. Informe o protocolo ao cidadão.',
  'links-revogados': 'Links de acompanhamento revogados: os enviados até agora não abrem mais a manifestação.',
  identidade: 'Acesso à identidade registrado, com o motivo informado.',
  vinculada: 'Manifestação marcada como duplicada; a resposta da principal responderá também esta.',
  desvinculada: 'Manifestação desvinculada da principal.',
  publicada: 'Descrição publicada: ela aparece no mapa público e no Open311.',
  despublicada: 'Descrição retirada do mapa público e do Open311.',
};

export default async function DemandPage({
  params,
  searchParams,
}: {
  params: Promise<{ protocolo: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { protocolo } = await params;
  const actor = await requireStaffPage(`/painel/demandas/${encodeURIComponent(protocolo)}`);
  const search = await searchParams;
  const now = new Date();
  const demand = await getDemandForStaff({ actor, protocol: decodeURIComponent(protocolo), now });
  if (!demand) notFound();

  const state = { ...demand.facts, state: demand.state };
  const actions = STAFF_ACTIONS.filter((action) => {
    if (!canPerform(actor, state, action)) return false;
    if (action === 'extend') return (demand.kind === 'information' ? informationExtensionRefusal(demand, now) : extensionRefusal(demand)) === null;
    if (action === 'link_duplicate') return !demand.duplicateOf;
    if (action === 'unlink_duplicate') return Boolean(demand.duplicateOf);
    if (action === 'publish_description') return demand.kind === 'service_request' && demand.identity !== 'confidential';
    if (action === 'escalate') return escalationRefusal({ ...demand, alreadyEscalated: demand.escalatedTo.length > 0 }, now) === null;
    return true;
  });
  const options = await formOptions(actions, demand, actor);
  const done = typeof search.feito === 'string' ? DONE_MESSAGES[search.feito] : undefined;
  const chats = await chatThreadsForStaff(demand);
  const email = await emailThreadForStaff(demand);

  return (
    <div className="space-y-8">
      <p>
        <Link href="/painel" className="text-brand underline">
          ← Voltar às filas
        </Link>
      </p>
      {done && (
        <p role="status" className="rounded border-l-4 border-green-700 bg-green-50 px-3 py-2 text-green-900">
          {done}
        </p>
      )}
      <DemandDetail demand={demand} now={now} revealIdentityForm={<RevealIdentityForm demandId={demand.id} protocol={demand.protocol} />} />
      {chats.map((thread) => (
        <ChatConversation key={thread.platform} thread={thread} />
      ))}
      {email && <EmailConversation thread={email} />}
      <section aria-labelledby="acoes">
        <h2 id="acoes" className="text-xl font-bold">
          Ações
        </h2>
        <p className="mb-3 text-sm text-slate-700">Você está como {ROLE_LABELS[actor.role]}.</p>
        <DemandActionForms demand={demand} actions={actions} options={options} />
      </section>
    </div>
  );
}

type StaffDemand = NonNullable<Awaited<ReturnType<typeof getDemandForStaff>>>;

async function formOptions(actions: StaffAction[], demand: StaffDemand, actor: Awaited<ReturnType<typeof requireStaffPage>>): Promise<ActionFormOptions> {
  const needs = (...wanted: StaffAction[]) => wanted.some((action) => actions.includes(action));
  const [departments, categories, assignees, templates] = await Promise.all([
    needs('forward') ? listActiveDepartments() : [],
    needs('classify') ? listActiveCategories(demand.service) : [],
    needs('assign') ? listAssignableStaff({ actor, facts: demand.facts }) : [],
    needs('answer', 'public_reply', 'request_info', 'extend', 'archive') ? listAnswerTemplates(demand.category?.id ?? null) : [],
  ]);
  return {
    departments: departments.map((d) => ({ value: d.id, label: d.isInternalControl ? `${d.name} (denúncias contra servidores)` : d.name })),
    categories: categories.map((c) => ({ value: c.id, label: c.name })),
    assignees: assignees.map((u) => ({ value: u.id, label: `${u.name} — ${ROLE_LABELS[u.role]}` })),
    templates,
    firstInstanceAuthority: municipality.informationAppeals.firstInstance,
  };
}
