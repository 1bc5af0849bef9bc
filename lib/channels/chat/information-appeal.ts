import 'server-only';
import type { Executor } from '@/lib/db/client';
import type { ChatAppealFacts } from '@/lib/demands/chat-lookups';
import { citizenAppealStatus, fileAppeal, fileOmissionComplaint } from '@/lib/demands/information-requests';
import { formatDate } from '@/lib/domain/labels';

/**
 * "Recorrer" over a chat (WhatsApp, Messenger, Instagram), kept apart from the conversation engine: on an access-to-information request
 * the summary says until when the requester may appeal (or complain of a missed deadline), and a message
 * that starts with RECORRER on that protocol files it, the rest of the text being the reasons.
 */

const COMMAND = /^\s*\*?recorr(?:er|o)\*?[\s:,.-]*/i;

/** The line the protocol's summary adds, or null when there is nothing to file. */
export async function chatAppealLine(tx: Executor, demand: ChatAppealFacts, now: Date): Promise<string | null> {
  const { option, pending } = await citizenAppealStatus(demand, now, {
    db: tx,
  });
  const waiting = pending.map(
    (p) => `${p.kind === 'appeal' ? `Recurso de ${p.instance}ª instância` : 'Reclamação por omissão'} em análise, decisão até ${formatDate(p.dueOn)}.`,
  );
  if (!option) return waiting.length ? waiting.join('\n') : null;
  const what = option.kind === 'appeal' ? 'recorrer da resposta' : 'reclamar da falta de resposta';
  return [
    ...waiting,
    `Você pode ${what} até ${formatDate(option.lastDay)}. Quem decide é ${option.authority}, em até 5 dias. ` +
      'Para isso, envie *RECORRER* seguido das suas razões, numa só mensagem.',
  ].join('\n');
}

/** Files the appeal when the message is the command; null when it is an ordinary message. */
export async function appealFromChat(
  tx: Executor,
  demand: ChatAppealFacts,
  text: string,
  via: 'whatsapp' | 'messenger' | 'instagram',
  now: Date,
): Promise<{ ok: true; message: string } | { ok: false; error: string } | null> {
  if (demand.kind !== 'information' || !COMMAND.test(text)) return null;
  const reason = text.replace(COMMAND, '').trim();
  const { option } = await citizenAppealStatus(demand, now, { db: tx });
  if (!option)
    return {
      ok: false,
      error: 'Não há recurso possível neste protocolo agora.',
    };
  if (reason.length < 10)
    return {
      ok: false,
      error: 'Envie *RECORRER* seguido das suas razões (pelo menos 10 caracteres), numa só mensagem.',
    };
  const input = { demandId: demand.id, reason, via };
  const result = option.kind === 'appeal' ? await fileAppeal(input, { db: tx, now }) : await fileOmissionComplaint(input, { db: tx, now });
  if (!result.ok) return result;
  return {
    ok: true,
    message: `Recebemos o seu ${option.kind === 'appeal' ? 'recurso' : 'pedido'} sobre o protocolo ${demand.protocol}. A decisão sai até ${formatDate(result.dueOn)} e chega por aqui.`,
  };
}
