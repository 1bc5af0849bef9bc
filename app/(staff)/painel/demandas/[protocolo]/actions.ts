'use server';

import type { WorkspaceFormState } from '@/lib/actions/workspace-form-state';
import { runDemandAction } from '@/lib/actions/workspace-action';
import { assignDemand, classifyDemand, forwardDemand } from '@/lib/demands/triage';
import { addInternalNote, postPublicReply, requestInformation } from '@/lib/demands/staff-messages';
import { archiveDemand, extendDeadline, reopenDemandAsStaff, sendFinalAnswer } from '@/lib/demands/resolution';
import { escalateToOuvidoria } from '@/lib/demands/escalation';
import { answerInformationRequest } from '@/lib/demands/information-requests';
import { revokeStatusLinks } from '@/lib/demands/status-link';
import { linkDuplicate, unlinkDuplicate } from '@/lib/demands/duplicates';
import { setDescriptionPublication } from '@/lib/demands/publication';
import { revealIdentity, RevealIdentitySchema } from '@/lib/demands/identity-reveal';
import { setDemandPriority, setDemandTags } from '@/lib/demands/organisation';
import { applyMacro } from '@/lib/demands/macros';
import { ApplyMacroSchema } from '@/lib/domain/macros';
import { SetPrioritySchema, SetTagsSchema } from '@/lib/domain/tags';
import {
  AnswerSchema,
  ArchiveSchema,
  AssignSchema,
  ClassifySchema,
  EscalateSchema,
  ExtendSchema,
  ForwardSchema,
  LinkDuplicateSchema,
  PublishDescriptionSchema,
  InformationAnswerSchema,
  NoteSchema,
  PublicReplySchema,
  ReopenSchema,
  RequestInfoSchema,
  RevokeStatusLinksSchema,
  UnlinkDuplicateSchema,
} from '@/lib/domain/workspace-schemas';

// Each action: staff guard, zod, the use case (which checks the demand and the state table again).
// A note, a reply and the final answer may carry files; their use case checks and stores them.

export async function classifyAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: ClassifySchema, useCase: classifyDemand, done: 'classificada' });
}

export async function forwardAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: ForwardSchema, useCase: forwardDemand, done: 'encaminhada' });
}

export async function assignAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: AssignSchema, useCase: assignDemand, done: 'atribuida' });
}

export async function noteAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: NoteSchema, useCase: addInternalNote, done: 'nota', withFiles: true });
}

export async function requestInformationAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: RequestInfoSchema, useCase: requestInformation, done: 'complementacao', templateField: 'body' });
}

export async function publicReplyAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: PublicReplySchema, useCase: postPublicReply, done: 'resposta', templateField: 'body', withFiles: true });
}

export async function extendAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: ExtendSchema, useCase: extendDeadline, done: 'prorrogada', templateField: 'justification' });
}

export async function answerAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: AnswerSchema, useCase: sendFinalAnswer, done: 'respondida', templateField: 'body', withFiles: true });
}

/** The answer of an access-to-information request, with its outcome and, for a refusal, the legal part. */
export async function answerInformationAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: InformationAnswerSchema, useCase: answerInformationRequest, done: 'respondida', templateField: 'body', withFiles: true });
}

export async function archiveAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: ArchiveSchema, useCase: archiveDemand, done: 'arquivada', templateField: 'justification' });
}

export async function reopenAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: ReopenSchema, useCase: reopenDemandAsStaff, done: 'reaberta' });
}

export async function escalateAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: EscalateSchema, useCase: escalateToOuvidoria, done: 'levada' });
}

export async function revokeStatusLinksAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: RevokeStatusLinksSchema, useCase: revokeStatusLinks, done: 'links-revogados' });
}

/** The ombudsman's reveal of a protected identity: a POST with the reason, which the access log keeps. */
export async function revealIdentityAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: RevealIdentitySchema, useCase: revealIdentity, done: 'identidade', anyVersion: true });
}

export async function linkDuplicateAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: LinkDuplicateSchema, useCase: linkDuplicate, done: 'vinculada' });
}

export async function unlinkDuplicateAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: UnlinkDuplicateSchema, useCase: unlinkDuplicate, done: 'desvinculada' });
}

export async function publishDescriptionAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  const done = formData.get('publishable') === 'sim' ? 'publicada' : 'despublicada';
  return runDemandAction(formData, { schema: PublishDescriptionSchema, useCase: setDescriptionPublication, done });
}

export async function setTagsAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: SetTagsSchema, useCase: setDemandTags, done: 'etiquetas' });
}

export async function setPriorityAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: SetPrioritySchema, useCase: setDemandPriority, done: 'prioridade' });
}

/** A macro: its template sent as its action and its etiqueta put on, in one transaction (lib/demands/macros.ts). */
export async function applyMacroAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  return runDemandAction(formData, { schema: ApplyMacroSchema, useCase: applyMacro, done: 'macro' });
}
