import { municipality } from '@/lib/municipality';
import { confirmPrompt, followingPrompt, followPrompt, menuPrompt, to } from './prompts';
import { START, surfaceOf, type ActionResult, type ConversationContext, type ConversationState, type Draft, type Outcome, type StateOf } from './state';
import { demandSummary, filedReceipt, text, withPrefix } from './texts';

/** Turns the result of the action a step asked for into the final state and replies. Pure. */


export function settle(state: ConversationState, result: ActionResult, ctx: ConversationContext): Outcome {
  switch (result.type) {
    case 'filed':
      return { state: START, replies: [filedReceipt(result, surfaceOf(ctx)), text('Posso ajudar em algo mais? Envie *menu* para ver as opções.')] };
    case 'filing_rejected': {
      if (!('draft' in state)) return { state: { step: 'menu' }, replies: [menuPrompt(ctx).content] };
      if (state.draft.join && result.fieldErrors.form) {
        // The request closed (or stopped taking supporters) while the citizen answered: file their own.
        const draft: Draft = { ...state.draft, join: undefined };
        return { state: { step: 'confirm', draft }, replies: [withPrefix(confirmPrompt(draft, ctx).content, result.fieldErrors.form.join(' '))] };
      }
      return rejectedFiling(state.draft, result.fieldErrors, ctx);
    }
    case 'duplicates_found': {
      if (!('draft' in state)) return { state: { step: 'menu' }, replies: [menuPrompt(ctx).content] };
      if (!result.suggestions.length) return to({ step: 'identity', draft: state.draft }, ctx);
      return to({ step: 'join_offer', draft: state.draft, suggestions: result.suggestions.slice(0, 5) }, ctx);
    }
    case 'demand_found': {
      const next: StateOf<'following'> = {
        step: 'following',
        demandId: result.view.demandId,
        protocol: result.view.protocol,
        canMessage: true,
        fromNotification: false,
      };
      return { state: next, replies: [demandSummary(result.view, ctx.now), followingPrompt(next).content] };
    }
    case 'demand_not_found':
      return {
        state: { step: 'follow' },
        replies: [withPrefix(followPrompt(ctx).content, `Não encontramos o protocolo ${result.protocol}. Confira o número no comprovante.`)],
      };
    case 'proof_needed':
      return to({ step: 'access_code', protocol: result.protocol }, ctx);
    case 'proof_refused':
      return {
        state: { step: 'access_code', protocol: result.protocol },
        replies: [text(`${result.message} Digite de novo, ou envie *menu* para voltar.`)],
      };
    case 'rate_limited':
      return {
        state: { step: 'menu' },
        replies: [text(result.message ?? 'Você fez muitas consultas seguidas. Tente de novo daqui a alguns minutos.'), menuPrompt(ctx).content],
      };
    case 'message_added': {
      const next: StateOf<'following'> = { step: 'following', demandId: result.demandId, protocol: result.protocol, canMessage: true, fromNotification: false };
      const sent =
        result.notice ??
        (result.purpose === 'attendant'
          ? `Pronto! Sua mensagem foi juntada ao protocolo ${result.protocol}. Um atendente vai ler e responder por aqui, no horário de atendimento (${municipality.ouvidoria.hours.toLowerCase()}).`
          : `Mensagem enviada! Ela foi juntada ao protocolo ${result.protocol} e a equipe responderá por aqui.`);
      return { state: next, replies: [withPrefix(followingPrompt(next).content, sent)] };
    }
    case 'message_refused':
      return { state: { step: 'menu' }, replies: [text(result.error), menuPrompt(ctx).content] };
  }
}

function rejectedFiling(draft: Draft, fieldErrors: Partial<Record<string, string[]>>, ctx: ConversationContext): Outcome {
  const keys = Object.keys(fieldErrors);
  const messages = keys.flatMap((key) => fieldErrors[key] ?? []);
  const problem = `Não foi possível registrar: ${messages.join(' ')}`;
  const key = keys[0] ?? 'form';
  const back = stateForField(key, draft, ctx);
  const outcome = to(back, ctx);
  return { state: outcome.state, replies: outcome.replies.map((reply, i) => (i === 0 ? withPrefix(reply, problem) : reply)) };
}

/** Where to go back to when the intake refuses a field: the step that asked for it. */
export function stateForField(key: string, draft: Draft, ctx: ConversationContext): ConversationState {
  if (key === 'description') return { step: 'description', draft };
  if (key === 'addressLine') return { step: 'address', draft };
  if (key === 'neighbourhoodId') return { step: 'neighbourhood', draft, page: 0 };
  if (key === 'categoryId') return draft.service === 'balcao' ? { step: 'balcao_category', draft, page: 0 } : { step: 'ouvidoria_kind', draft };
  if (key === 'kind') return { step: 'ouvidoria_kind', draft };
  if (key === 'name') return { step: 'name', draft };
  if (key === 'email' || key === 'phone') return { step: 'email', draft };
  if (key === 'identity') return { step: 'identity', draft };
  if (key.startsWith('files') || key.startsWith('attachments')) return { step: 'attachments', draft: { ...draft, media: [] } };
  if (key.startsWith('details.')) {
    const fields = ctx.balcaoServices.find((s) => s.id === draft.categoryId)?.fields ?? [];
    const fieldIndex = Math.max(0, fields.findIndex((f) => `details.${f.name}` === key));
    return { step: 'balcao_question', draft, fieldIndex };
  }
  return { step: 'confirm', draft };
}

