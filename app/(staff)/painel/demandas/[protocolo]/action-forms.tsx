import type { ReactNode } from 'react';
import Link from 'next/link';
import { Composer } from '@/components/workspace/composer';
import { CheckboxGroupField, FileField, SelectField, TextAreaField, TextField, type SelectOption as Option } from '@/components/ui/field-client';
import { ActionForm, HiddenField, TemplatePicker } from '@/components/workspace/action-form';
import { ACCEPT_ATTRIBUTE } from '@/lib/attachments/rules';
import { SEEN_VERSION_FIELD } from '@/lib/actions/workspace-form-state';
import { ATTACHMENT_HINT } from '@/lib/attachments/rules';
import type { StaffDemandView } from '@/lib/db/queries/demand-page';
import { DEADLINE_DAYS, extensionDays } from '@/lib/domain/deadlines';
import {
  CLASSIFICATION_DEGREE_LABELS,
  CLASSIFICATION_DEGREES,
  DENIAL_GROUND_LABELS,
  DENIAL_GROUNDS,
  INFORMATION_OUTCOMES,
  OUTCOME_LABELS,
} from '@/lib/domain/information-requests';
import { KIND_LABELS } from '@/lib/domain/labels';
import { MACRO_ACTION_LABELS } from '@/lib/domain/macros';
import { PRIORITY_LABELS } from '@/lib/domain/priorities';
import type { DemandOrganisation } from '@/lib/db/queries/organisation';
import { ACTION_LABELS, type StaffAction } from '@/lib/domain/transitions';
import { DEMAND_PRIORITIES, OUVIDORIA_KINDS } from '@/lib/domain/vocabulary';
import {
  answerAction,
  answerInformationAction,
  applyMacroAction,
  archiveAction,
  assignAction,
  classifyAction,
  escalateAction,
  extendAction,
  forwardAction,
  linkDuplicateAction,
  noteAction,
  publishDescriptionAction,
  publicReplyAction,
  reopenAction,
  requestInformationAction,
  revokeStatusLinksAction,
  setPriorityAction,
  setTagsAction,
  unlinkDuplicateAction,
} from './actions';

export type ActionFormOptions = {
  departments: Option[];
  categories: Option[];
  assignees: Option[];
  templates: { id: string; title: string }[];
  /** Who judges a 1st-instance appeal, as the municipality configuration names it (the denial states it). */
  firstInstanceAuthority: string;
  /** Priority, etiquetas and macros (lib/db/queries/organisation.ts). */
  organisation: DemandOrganisation;
};

const CITIZEN_SEES_FILES = 'O cidadão baixa os anexos pelo link de acompanhamento que recebe com a resposta.';

/** What the composer's tabs hold, in tab order, and the key each has in the address (`?acao=`). */
export const COMPOSER_ACTIONS: { action: StaffAction; key: string }[] = [
  { action: 'public_reply', key: 'resposta' },
  { action: 'note', key: 'nota' },
  { action: 'answer', key: 'conclusiva' },
];
const IN_COMPOSER = new Set<StaffAction>(COMPOSER_ACTIONS.map((tab) => tab.action));

type Props = { demand: StaffDemandView; actions: StaffAction[]; options: ActionFormOptions };

/** The reply, the internal note and the final answer the viewer may write now, as the composer's tabs. */
export function DemandComposer({ demand, actions, options, initial }: Props & { initial?: string }) {
  const forms = actionForms({ demand, actions, options });
  const tabs = COMPOSER_ACTIONS.filter((tab) => actions.includes(tab.action)).map((tab) => ({
    key: tab.key,
    label: ACTION_LABELS[tab.action],
    content: forms[tab.action](),
  }));
  return <Composer tabs={tabs} initial={initial} />;
}

/** Every other action the viewer may take now, one line each, its form opening on demand (no JavaScript needed). */
export function DemandActionMenu({ demand, actions, options }: Props) {
  const forms = actionForms({ demand, actions, options });
  const others = actions.filter((action) => !IN_COMPOSER.has(action));
  if (!actions.length) return <p>Você pode ler esta manifestação, mas não há ações para você na situação atual.</p>;
  if (!others.length) return null;
  return (
    <ul className="space-y-2">
      {others.map((action) => (
        <li key={action}>{forms[action](ACTION_LABELS[action])}</li>
      ))}
    </ul>
  );
}

function actionForms({ demand, options }: Props): Record<StaffAction, (title?: string) => ReactNode> {
  const ids = (
    <>
      <HiddenField name="demandId" value={demand.id} />
      <HiddenField name="protocol" value={demand.protocol} />
      <HiddenField name={SEEN_VERSION_FIELD} value={String(demand.version)} />
    </>
  );
  return {
    answer: (title) =>
      demand.kind === 'information' ? (
        <ActionForm title={title} action={answerInformationAction} submitLabel="Enviar resposta ao pedido">
          {ids}
          <TemplatePicker templates={options.templates} />
          <SelectField
            name="outcome"
            label="Resultado do pedido"
            options={INFORMATION_OUTCOMES.map((outcome) => ({ value: outcome, label: OUTCOME_LABELS[outcome] }))}
            placeholder="Escolha o resultado"
            hint="Lei 12.527/2011, art. 11. Uma negativa, mesmo parcial, precisa do fundamento, da autoridade do recurso e da explicação; o prazo e o direito de recorrer são acrescentados ao texto."
          />
          <TextAreaField name="body" label="Resposta ao cidadão" hint="A informação pedida, ou o que dela pode ser entregue." rows={8} />
          <fieldset className="space-y-3 rounded border border-slate-300 p-3">
            <legend className="px-1 font-semibold">Se o acesso foi negado ou concedido em parte</legend>
            <SelectField
              name="denialGround"
              label="Fundamento legal da negativa"
              options={DENIAL_GROUNDS.map((ground) => ({ value: ground, label: DENIAL_GROUND_LABELS[ground] }))}
              placeholder="Escolha o fundamento"
            />
            <TextAreaField name="groundExplanation" label="Por que o fundamento se aplica" rows={4} optional hint="O cidadão lê este texto; explique em linguagem simples." />
            <SelectField
              name="classificationDegree"
              label="Grau de sigilo (só para informação classificada)"
              options={CLASSIFICATION_DEGREES.map((degree) => ({ value: degree, label: CLASSIFICATION_DEGREE_LABELS[degree] }))}
              placeholder="Não se aplica"
            />
            <TextField name="classifiedUntil" type="date" label="Sigilosa até (só para informação classificada)" optional />
            <TextField
              name="appealAuthority"
              label="Autoridade que julgará o recurso"
              defaultValue={options.firstInstanceAuthority}
              optional
              hint="A autoridade hierarquicamente superior a quem respondeu (LAI art. 15, parágrafo único)."
            />
          </fieldset>
          <TextField name="holderBody" label="Órgão que mantém a informação (se ela não é da Prefeitura)" optional hint="Só quando o resultado é “informação não mantida”." />
          <FileField name="files" label="Anexos" optional multiple accept={ACCEPT_ATTRIBUTE} hint={`${ATTACHMENT_HINT} ${CITIZEN_SEES_FILES}`} />
        </ActionForm>
      ) : (
      <ActionForm title={title} action={answerAction} submitLabel="Enviar resposta conclusiva">
        {ids}
        <TemplatePicker templates={options.templates} />
        <TextAreaField name="body" label="Resposta conclusiva ao cidadão" hint="É a resposta que a lei exige; o cidadão pode reabrir a manifestação em até 10 dias." rows={8} />
        <FileField name="files" label="Anexos" optional multiple accept={ACCEPT_ATTRIBUTE} hint={`${ATTACHMENT_HINT} ${CITIZEN_SEES_FILES}`} />
      </ActionForm>
      ),
    public_reply: (title) => (
      <ActionForm title={title} action={publicReplyAction} submitLabel="Enviar resposta">
        {ids}
        <TemplatePicker templates={options.templates} />
        <TextAreaField name="body" label="Resposta ao cidadão" hint="Uma resposta parcial ou um andamento; o cidadão recebe por e-mail ou WhatsApp." rows={6} />
        <FileField name="files" label="Anexos" optional multiple accept={ACCEPT_ATTRIBUTE} hint={`${ATTACHMENT_HINT} ${CITIZEN_SEES_FILES}`} />
      </ActionForm>
    ),
    request_info: (title) => (
      <ActionForm title={title} action={requestInformationAction} submitLabel="Pedir complementação">
        {ids}
        <TemplatePicker templates={options.templates} />
        <TextAreaField
          name="body"
          label="O que o cidadão precisa informar"
          hint={`O prazo fica suspenso até a resposta; sem resposta em ${DEADLINE_DAYS.awaitingCitizenArchive} dias, a manifestação é arquivada.`}
        />
      </ActionForm>
    ),
    forward: (title) => (
      <ActionForm title={title} action={forwardAction} submitLabel="Encaminhar">
        {ids}
        <SelectField name="departmentId" label="Secretaria responsável" options={options.departments} defaultValue={demand.department?.id ?? ''} placeholder="Escolha a secretaria" />
        <CheckboxGroupField
          name="supportingDepartmentIds"
          label="Secretarias de apoio"
          hint={`Também veem e trabalham a manifestação. Prazo interno: ${DEADLINE_DAYS.department} dias.`}
          options={options.departments}
          defaultValues={demand.supportingDepartments.map((d) => d.id)}
        />
      </ActionForm>
    ),
    classify: (title) => (
      <ActionForm title={title} action={classifyAction} submitLabel="Salvar classificação">
        {ids}
        <SelectField
          name="kind"
          label="Tipo"
          options={(demand.service === 'balcao' ? (['service_request'] as const) : OUVIDORIA_KINDS).map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
          defaultValue={demand.kind}
        />
        <SelectField
          name="categoryId"
          label={demand.service === 'balcao' ? 'Serviço' : 'Assunto'}
          options={options.categories}
          defaultValue={demand.category?.id ?? ''}
          placeholder={demand.service === 'balcao' ? undefined : 'Sem assunto'}
        />
      </ActionForm>
    ),
    assign: (title) => (
      <ActionForm title={title} action={assignAction} submitLabel="Atribuir">
        {ids}
        <SelectField name="assigneeId" label="Pessoa" options={options.assignees} defaultValue={demand.assignee?.id ?? ''} placeholder="Escolha quem vai tratar" />
      </ActionForm>
    ),
    note: (title) => (
      <ActionForm title={title} action={noteAction} submitLabel="Registrar nota">
        {ids}
        <TextAreaField name="body" label="Nota interna" hint="Só a equipe vê; o cidadão não é avisado." />
        <FileField name="files" label="Anexos" optional multiple accept={ACCEPT_ATTRIBUTE} hint={`${ATTACHMENT_HINT} Como a nota, só a equipe vê os anexos.`} />
      </ActionForm>
    ),
    extend: (title) => (
      <ActionForm title={title} action={extendAction} submitLabel="Prorrogar o prazo">
        {ids}
        <TemplatePicker templates={options.templates} />
        <TextAreaField
          name="justification"
          label="Justificativa ao cidadão"
          hint={`Uma única prorrogação, de ${extensionDays(demand.kind)} dias; o cidadão recebe a justificativa.`}
        />
      </ActionForm>
    ),
    archive: (title) => (
      <ActionForm title={title} action={archiveAction} submitLabel="Arquivar">
        {ids}
        <TemplatePicker templates={options.templates} />
        <TextAreaField name="justification" label="Justificativa pública" hint="Por exemplo: duplicada, fora da competência do município. O cidadão recebe o texto." />
      </ActionForm>
    ),
    reopen: (title) => (
      <ActionForm title={title} action={reopenAction} submitLabel="Reabrir">
        {ids}
        <TextAreaField name="reason" label="Motivo da reabertura" hint="O cidadão recebe o motivo; a manifestação volta para a triagem com novo prazo." />
      </ActionForm>
    ),
    escalate: (title) => (
      <ActionForm title={title} action={escalateAction} submitLabel="Registrar reclamação na Ouvidoria">
        {ids}
        <TextAreaField name="reason" label="O que não foi resolvido" hint="Vira uma reclamação da Ouvidoria ligada a esta solicitação, com os dados do mesmo cidadão." />
      </ActionForm>
    ),
    decide_appeal: (title = ACTION_LABELS.decide_appeal) => (
      <div className="rounded border border-slate-300 p-3">
        <p className="font-semibold">{title}</p>
        <p>
          Os recursos e reclamações por omissão pendentes, com seus prazos, estão na{' '}
          <Link href="/painel/recursos" className="text-brand underline">
            fila de recursos
          </Link>
          .
        </p>
      </div>
    ),
    revoke_status_links: (title) => (
      <ActionForm title={title} action={revokeStatusLinksAction} submitLabel="Revogar links">
        {ids}
        <TextAreaField
          name="reason"
          label="Motivo da revogação"
          hint="Os links de acompanhamento já enviados por e-mail deixam de funcionar; o próximo e-mail ao cidadão leva um link novo. Só a equipe vê o motivo."
        />
      </ActionForm>
    ),
    link_duplicate: (title) => (
      <ActionForm title={title} action={linkDuplicateAction} submitLabel="Marcar como duplicada">
        {ids}
        <TextField name="mainProtocol" label="Protocolo da manifestação principal" hint="Ex.: 2026-000123-7. A resposta conclusiva da principal responde também esta." />
        <TextAreaField name="note" label="Nota pública" hint="O cidadão recebe o texto; esta manifestação mantém o próprio protocolo e prazo." />
      </ActionForm>
    ),
    publish_description: (title) => (
      <ActionForm
        title={title}
        action={publishDescriptionAction}
        submitLabel={demand.descriptionPublishable ? 'Retirar a descrição do mapa' : 'Publicar a descrição no mapa'}
      >
        {ids}
        <HiddenField name="publishable" value={demand.descriptionPublishable ? 'nao' : 'sim'} />
        <p>
          {demand.descriptionPublishable
            ? 'A descrição aparece hoje no mapa público e no Open311.'
            : 'Hoje o mapa público e o Open311 mostram só o serviço, a situação, a data e um ponto aproximado.'}{' '}
          Publique só uma descrição sem nomes, telefones, endereços de casas ou outros dados pessoais. A mudança fica no histórico interno.
        </p>
      </ActionForm>
    ),
    tag: (title) => (
      <ActionForm title={title} action={setTagsAction} submitLabel="Salvar etiquetas">
        {ids}
        {options.organisation.tagChoices.length ? (
          <CheckboxGroupField
            name="tagIds"
            label="Etiquetas"
            hint="Só a equipe vê; cada mudança fica no histórico interno."
            options={options.organisation.tagChoices.map((tag) => ({ value: tag.id, label: tag.name }))}
            defaultValues={options.organisation.tags.map((tag) => tag.id)}
          />
        ) : (
          <p>Nenhuma etiqueta cadastrada para esta manifestação. A administração cria as etiquetas.</p>
        )}
      </ActionForm>
    ),
    prioritise: (title) => (
      <ActionForm title={title} action={setPriorityAction} submitLabel="Salvar prioridade">
        {ids}
        <SelectField
          name="priority"
          label="Prioridade"
          options={DEMAND_PRIORITIES.map((priority) => ({ value: priority, label: PRIORITY_LABELS[priority] }))}
          defaultValue={options.organisation.priority}
          hint="As prioridades legais valem para o atendimento de quem a lei protege; só a equipe vê."
        />
      </ActionForm>
    ),
    unlink_duplicate: (title) => (
      <ActionForm title={title} action={unlinkDuplicateAction} submitLabel="Desvincular">
        {ids}
        <TextAreaField name="reason" label="Motivo" hint="Esta manifestação volta a seguir sozinha; o motivo fica no histórico e o cidadão o vê." />
      </ActionForm>
    ),
  };
}

/**
 * The macros the viewer may apply now (the organisation lists only those, lib/domain/macros.ts `macroRefusal`):
 * one button each, which sends the template, moves the state and puts the etiqueta on, or nothing at all.
 */
export function DemandMacros({ demand, options }: Pick<Props, 'demand' | 'options'>) {
  const usable = options.organisation.macros;
  if (!usable.length) return null;
  return (
    <section aria-labelledby="macros">
      <h2 id="macros" className="text-lg font-bold">
        Macros
      </h2>
      <ul className="mt-2 space-y-3">
        {usable.map((macro) => (
          <li key={macro.id}>
            <ActionForm action={applyMacroAction} submitLabel={`Aplicar “${macro.name}”`}>
              <HiddenField name="demandId" value={demand.id} />
              <HiddenField name="protocol" value={demand.protocol} />
              <HiddenField name="macroId" value={macro.id} />
              <HiddenField name={SEEN_VERSION_FIELD} value={String(demand.version)} />
              <p className="text-sm">
                <span className="font-semibold">{macro.name}:</span> envia o modelo como {MACRO_ACTION_LABELS[macro.action].toLowerCase()}
                {macro.tagName ? ` e inclui a etiqueta “${macro.tagName}”` : ''}. Tudo ou nada.
              </p>
            </ActionForm>
          </li>
        ))}
      </ul>
    </section>
  );
}
