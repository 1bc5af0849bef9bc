import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { answerTemplates, macros } from '@/lib/db/schema';
import { ApplyMacroSchema, macroRefusal, type MacroAction } from '@/lib/domain/macros';
import { addDemandTag, tagsAvailableTo } from './organisation';
import { sendFinalAnswer } from './resolution';
import { addInternalNote, postPublicReply, requestInformation } from './staff-messages';
import { conflict, FORBIDDEN, invalid, runStaffStep, staffRefusal, type StaffActor, type UseCaseFailure, type UseCaseOptions, type UseCaseResult } from './workflow';

const SEND: Record<MacroAction, (actor: StaffActor, input: { demandId: string; body: string }, options: UseCaseOptions) => Promise<UseCaseResult>> = {
  public_reply: postPublicReply,
  request_info: requestInformation,
  answer: sendFinalAnswer,
  note: addInternalNote,
};

/** Carries a part's refusal out of the transaction, which it rolls back. */
class MacroRefused extends Error {
  constructor(readonly failure: UseCaseFailure) {
    super(failure.error);
  }
}

/**
 * One click: the macro's template sent as its action (which moves the state as that action does) and its
 * etiqueta put on the demand. The macro is first asked whether it fits this demand now (`macroRefusal`, the
 * rule that also decides which macros the demand page offers); then each part is the same use case as the
 * single action — authorized, checked against the state table and evented the same way — and all run in
 * one transaction: if one part is refused, nothing is applied.
 */
export async function applyMacro(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const refusal = staffRefusal(actor);
  if (refusal) return refusal;
  if (!actor) throw new Error('staffRefusal checks the actor');
  const parsed = ApplyMacroSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { demandId, macroId } = parsed.data;
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const [macro] = await db
    .select({ action: macros.action, tagId: macros.tagId, name: macros.name, body: answerTemplates.body })
    .from(macros)
    .innerJoin(answerTemplates, eq(answerTemplates.id, macros.answerTemplateId))
    .where(eq(macros.id, macroId));
  if (!macro) return { ok: false, status: 400, error: 'Escolha uma macro da lista.', fieldErrors: { macroId: ['Escolha uma macro da lista.'] } };
  const refusedAs = (failure: UseCaseFailure): UseCaseFailure => ({ ...failure, error: `Macro “${macro.name}” não aplicada: ${failure.error}` });
  try {
    // The outer step locks the demand, hides it from who may not see it and checks the version the person saw.
    const applied: UseCaseResult = await runStaffStep(actor, demandId, macro.action, { db, now, seenVersion: options.seenVersion }, async ({ tx, demand }) => {
      const availableTagIds = (await tagsAvailableTo(tx, demand)).map((tag) => tag.id);
      const misfit = macroRefusal(macro, { ...demand, availableTagIds }, actor.role);
      if (misfit) return misfit.reason === 'performer' ? FORBIDDEN : conflict(misfit.message);
      const inside = { db: tx, now };
      const sent = await SEND[macro.action](actor, { demandId, body: macro.body }, inside);
      if (!sent.ok) throw new MacroRefused(sent.fieldErrors?.body ? { ...sent, error: `O modelo da macro não serve para esta ação: ${sent.fieldErrors.body.join(' ')}` } : sent);
      if (macro.tagId) {
        const tagged = await addDemandTag(actor, { demandId, tagId: macro.tagId }, inside);
        if (!tagged.ok) throw new MacroRefused(tagged);
      }
      return { ok: true };
    });
    return applied.ok ? applied : refusedAs(applied);
  } catch (error) {
    if (error instanceof MacroRefused) return refusedAs(error.failure);
    throw error;
  }
}
