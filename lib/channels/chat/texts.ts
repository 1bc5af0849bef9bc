import type { z } from 'zod';
import { deadlineStatus } from '@/lib/domain/deadlines';
import { formatDate, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { EXAMPLE_PROTOCOL, parseProtocol } from '@/lib/domain/protocol';
import { municipality } from '@/lib/municipality';
import { CONTROL_CHARACTERS_TYPE } from './control-characters';
import { fitTo, type OutgoingContent } from './content';
import { INACTIVITY_MINUTES, type ActionResult, type ConversationState, type DemandView, type Outcome } from './state';
import type { ChatSurface } from './surface';

/** The engine's fixed sentences and the small text helpers every step uses. Pure. */

/** Only losing a half-told demand or an unsent message deserves a word; a finished lookup just ends. */
export function expiryNotice(state: ConversationState): OutgoingContent | null {
  if ('draft' in state) {
    return text(`Sua conversa ficou parada por mais de ${INACTIVITY_MINUTES} minutos e foi encerrada. Nada foi registrado. Envie qualquer mensagem para começar de novo.`);
  }
  if (state.step === 'compose') {
    return text(`Sua conversa ficou parada por mais de ${INACTIVITY_MINUTES} minutos e foi encerrada; a mensagem não foi enviada. Envie qualquer mensagem para começar de novo.`);
  }
  return null;
}


export function text(body: string): OutgoingContent {
  return { kind: 'text', text: body };
}

export function withPrefix(content: OutgoingContent, prefix: string): OutgoingContent {
  if (content.kind === 'template') return content;
  return { ...content, text: `${prefix}\n\n${content.text}` };
}

export function filedReceipt(result: Extract<ActionResult, { type: 'filed' }>, surface: ChatSurface): OutgoingContent {
  const what = result.service === 'ouvidoria' ? 'sua manifestação na Ouvidoria' : 'seu pedido ao Balcão da Cidadania';
  const lines = [
    `Pronto! Registramos ${what}.`,
    `Protocolo: *${result.protocol}*`,
    `Prazo de resposta: até ${formatDate(result.dueOn)}.`,
  ];
  if (result.joinedProtocol) {
    lines.push(`Você passou a acompanhar a solicitação ${result.joinedProtocol}, já registrada para o mesmo problema. A resposta dela também responde o seu pedido.`);
  }
  if (result.accessCode && result.anonymous) {
    lines.push(
      `Código de acesso: *${result.accessCode}*`,
      `Guarde o protocolo e o código: eles não serão mostrados de novo e são a única forma de acompanhar uma manifestação anônima. Não guardamos ${surface.handle} nem enviaremos avisos.`,
    );
  } else if (result.accessCode) {
    lines.push(
      `Código de acesso: *${result.accessCode}*`,
      'Guarde o código: ele não será mostrado de novo. Para proteger sua identidade, o site só abre esta manifestação com o protocolo e este código, nunca com o seu e-mail ou celular.',
      'Você receberá aqui cada novidade.',
    );
  } else {
    lines.push('Você receberá aqui cada novidade. Para acompanhar, envie o número do protocolo a qualquer momento.');
  }
  lines.push(`Acompanhe também pelo site: ${result.statusUrl}`);
  if (result.skippedFiles.length) {
    lines.push(`Não anexamos: ${result.skippedFiles.map((f) => `${f.name} (${f.reason})`).join('; ')}.`);
  }
  return text(lines.join('\n'));
}

export function demandSummary(view: DemandView, now: Date): OutgoingContent {
  const lines = [`Protocolo *${view.protocol}* — ${SERVICE_LABELS[view.service]}`, `Assunto: ${view.subject}`, `Situação: *${STATE_LABELS[view.state]}*`];
  if (view.lastMovement) {
    const body = view.lastMovement.body ? `: ${fitTo(view.lastMovement.body, 700)}` : '';
    lines.push(`Última movimentação: ${view.lastMovement.label}, em ${formatDate(view.lastMovement.at)}${body}`);
  }
  lines.push(deadlineLine(view, now));
  if (view.appealLine) lines.push(view.appealLine);
  lines.push(`Veja tudo em: ${view.statusUrl}`);
  return text(lines.join('\n'));
}

function deadlineLine(view: DemandView, now: Date): string {
  if (view.state === 'answered' || view.state === 'closed' || view.state === 'archived') return `Prazo de resposta era ${formatDate(view.dueOn)}.`;
  if (view.state === 'awaiting_citizen') return 'Prazo suspenso enquanto aguardamos as informações pedidas a você.';
  const { daysLeft } = deadlineStatus(view.dueOn, now);
  const left =
    daysLeft > 1 ? `faltam ${daysLeft} dias` : daysLeft === 1 ? 'falta 1 dia' : daysLeft === 0 ? 'vence hoje' : `venceu há ${-daysLeft} ${daysLeft === -1 ? 'dia' : 'dias'}`;
  return `Prazo de resposta: até ${formatDate(view.dueOn)} (${left}).`;
}

export function attendantWithoutDemand(surface: ChatSurface): OutgoingContent {
  const { ouvidoria, balcao } = municipality;
  const phone = ouvidoria.tollFree ?? ouvidoria.phones[0] ?? '';
  return text(
    'Para falar com a equipe por aqui, primeiro registre sua manifestação (opção 1) ou seu pedido (opção 2): ' +
      `assim tudo fica com protocolo e prazo, e a resposta chega por este ${surface.name}. ` +
      `Se preferir, ligue: Ouvidoria ${phone}, Balcão da Cidadania ${balcao.phones[0] ?? ''} (${ouvidoria.hours.toLowerCase()}).`,
  );
}

export function unsupportedNotice(messageType: string, state: ConversationState): string {
  const files = state.step === 'attachments' ? ' Fotos e documentos em PDF podem ser enviados.' : '';
  if (messageType === 'audio') return `Ainda não consigo ouvir áudios. Por favor, escreva sua mensagem.${files}`;
  if (messageType === 'video') return `Vídeos não são aceitos. Por favor, escreva sua mensagem.${files}`;
  if (messageType === CONTROL_CHARACTERS_TYPE) {
    return 'Sua mensagem tinha caracteres invisíveis (de controle), que costumam vir de texto colado de outro aplicativo, e não pôde ser guardada. Escreva a mensagem de novo, digitando o texto.';
  }
  return `Não consigo ler esse tipo de mensagem. Por favor, escreva em texto.${files}`;
}

/** A protocol typed where one could be: a valid number is looked up; a wrong check digit is explained. */
export function protocolInput(typed: string): Outcome | null {
  const digits = typed.replace(/[\s.\-/]/g, '');
  if (!/^\d{11,13}$/.test(digits)) return null;
  const parsed = parseProtocol(typed);
  if (parsed.ok) return { state: { step: 'follow' }, replies: [], action: { type: 'lookup', protocol: parsed.protocol } };
  if (parsed.reason === 'check_digit') {
    return {
      state: { step: 'follow' },
      replies: [
        text(
          `O número ${typed.trim()} não confere: o último dígito (o dígito verificador) não corresponde aos anteriores, ` +
            `então algum número foi digitado errado. Confira no comprovante e digite de novo, como ${EXAMPLE_PROTOCOL}.`,
        ),
      ],
    };
  }
  return {
    state: { step: 'follow' },
    replies: [text(`Não reconheci esse número de protocolo. Ele tem o formato ${EXAMPLE_PROTOCOL}: ano, número e dígito verificador.`)],
  };
}

export function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Resposta inválida.';
}

/** Lower case, no accents, single spaces: how typed answers are compared. */
export function normalize(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[!?¡¿]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

