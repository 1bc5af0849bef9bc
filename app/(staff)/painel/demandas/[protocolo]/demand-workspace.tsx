import 'server-only';
import { DemandFacts, DemandHeader, DemandRequest, DemandTimeline } from '@/components/workspace/demand-detail';
import { ChatConversation } from '@/components/workspace/chat-conversation';
import { EmailConversation } from '@/components/workspace/email-conversation';
import { chatThreadsForStaff } from '@/lib/channels/chat/staff-thread';
import { emailThreadForStaff } from '@/lib/channels/email/staff-thread';
import { getDemandForStaff, listAssignableStaff } from '@/lib/db/queries/demand-page';
import { getDemandOrganisation, type DemandOrganisation } from '@/lib/db/queries/organisation';
import { PriorityBadge, TagChips } from '@/components/workspace/organisation-chips';
import { listActiveCategories, listActiveDepartments, listAnswerTemplates } from '@/lib/db/queries/workspace-options';
import { canPerform } from '@/lib/domain/permissions';
import { escalationRefusal, extensionRefusal, STAFF_ACTIONS, type StaffAction } from '@/lib/domain/transitions';
import { informationExtensionRefusal } from '@/lib/domain/information-requests';
import { ROLE_LABELS } from '@/lib/domain/labels';
import { municipality } from '@/lib/municipality';
import type { Actor } from '@/lib/auth/guards';
import { DemandActionMenu, DemandComposer, DemandMacros, type ActionFormOptions } from './action-forms';
import { RevealIdentityForm } from './reveal-identity-form';
import { DemandPresence } from '@/components/workspace/live-pulse';

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
  etiquetas: 'Etiquetas salvas.',
  prioridade: 'Prioridade salva.',
  macro: 'Macro aplicada.',
  'links-revogados': 'Links de acompanhamento revogados: os enviados até agora não abrem mais a manifestação.',
  identidade: 'Acesso à identidade registrado, com o motivo informado.',
  vinculada: 'Manifestação marcada como duplicada; a resposta da principal responderá também esta.',
  desvinculada: 'Manifestação desvinculada da principal.',
  publicada: 'Descrição publicada: ela aparece no mapa público e no Open311.',
  despublicada: 'Descrição retirada do mapa público e do Open311.',
};

type Search = Record<string, string | string[] | undefined>;

/**
 * One demand as staff work it: the header, a facts column (state, deadline, with whom, requester as
 * allowed), the middle column (what was asked, conversations, timeline, the composer) and the other
 * actions. Used by the demand page and beside the queue (split view). Null when the actor may not see it.
 * Lays itself out by its own width (a container query), so it reads the same in a full page and beside
 * the list.
 */
export async function DemandWorkspace({ actor, protocol, search, now }: { actor: Actor; protocol: string; search: Search; now: Date }) {
  const demand = await getDemandForStaff({ actor, protocol, now });
  if (!demand) return null;

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
  const organisation = await getDemandOrganisation({ actor, demand });
  if (!organisation) return null;
  const [options, chats, email] = await Promise.all([formOptions(actions, demand, actor, organisation), chatThreadsForStaff(demand), emailThreadForStaff(demand)]);
  const done = typeof search.feito === 'string' ? DONE_MESSAGES[search.feito] : undefined;
  const initialTab = typeof search.acao === 'string' ? search.acao : undefined;

  return (
    <div className="@container space-y-6" data-demand={demand.protocol}>
      {done && (
        <p role="status" className="rounded border-l-4 border-green-700 bg-green-50 px-3 py-2 text-green-900">
          {done}
        </p>
      )}
      <DemandHeader demand={demand} />
      <DemandPresence protocol={demand.protocol} version={demand.version} />
      <div className="grid gap-8 @4xl:grid-cols-[minmax(0,1fr)_19rem]">
        <aside aria-label="Dados e ações da manifestação" className="space-y-8 @4xl:col-start-2 @4xl:row-start-1">
          {(organisation.priority !== 'normal' || organisation.tags.length > 0) && (
            <div className="flex flex-wrap items-center gap-1" data-demand-organisation>
              <PriorityBadge priority={organisation.priority} />
              <TagChips names={organisation.tags.map((tag) => tag.name)} />
            </div>
          )}
          <DemandFacts demand={demand} now={now} revealIdentityForm={<RevealIdentityForm demandId={demand.id} protocol={demand.protocol} />} />
          <DemandMacros demand={demand} options={options} />
          <section aria-labelledby="acoes">
            <h2 id="acoes" className="text-lg font-bold">
              Ações
            </h2>
            <p className="mb-3 text-sm text-slate-700">Você está como {ROLE_LABELS[actor.role]}.</p>
            <DemandActionMenu demand={demand} actions={actions} options={options} />
          </section>
        </aside>
        <div className="min-w-0 space-y-8 @4xl:col-start-1 @4xl:row-start-1">
          <DemandRequest demand={demand} />
          {chats.map((thread) => (
            <ChatConversation key={thread.platform} thread={thread} />
          ))}
          {email && <EmailConversation thread={email} />}
          <DemandTimeline demand={demand} />
          <DemandComposer demand={demand} actions={actions} options={options} initial={initialTab} />
        </div>
      </div>
    </div>
  );
}

type StaffDemand = NonNullable<Awaited<ReturnType<typeof getDemandForStaff>>>;

async function formOptions(actions: StaffAction[], demand: StaffDemand, actor: Actor, organisation: DemandOrganisation): Promise<ActionFormOptions> {
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
    organisation,
  };
}
