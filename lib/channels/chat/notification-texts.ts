import { formatDate, STATE_LABELS } from '@/lib/domain/labels';
import type { CitizenNotificationPayload, CitizenTemplate } from '@/lib/domain/notifications';

/**
 * Each citizen notification as a chat text (inside the 24-hour window), and the short status phrase
 * that fills WhatsApp's approved template's second parameter outside it. Pure.
 */

export function notificationText(template: CitizenTemplate, payload: CitizenNotificationPayload, statusUrl: string): string {
  const p = `*${payload.protocol}*`;
  const what = payload.service === 'ouvidoria' ? 'sua manifestação' : 'seu pedido';
  const body = payload.body?.trim();
  const lines: string[] = [];
  switch (template) {
    case 'demand_received':
      lines.push(`Recebemos ${what}. Protocolo: ${p}.`);
      if (payload.dueOn) lines.push(`Prazo de resposta: até ${formatDate(payload.dueOn)}.`);
      break;
    case 'demand_forwarded':
      lines.push(`O protocolo ${p} foi encaminhado para ${payload.departmentName ?? 'a secretaria responsável'}, que vai analisá-lo.`);
      break;
    case 'public_reply':
      lines.push(`Nova mensagem sobre o protocolo ${p}:`, body ?? '');
      break;
    case 'info_requested':
      lines.push(`Precisamos de mais informações sobre o protocolo ${p}:`, body ?? '', 'Responda por aqui. O prazo fica suspenso até a sua resposta.');
      break;
    case 'deadline_extended':
      lines.push(`O prazo de resposta do protocolo ${p} foi prorrogado${payload.dueOn ? ` para ${formatDate(payload.dueOn)}` : ''}.`);
      if (body) lines.push(`Justificativa: ${body}`);
      break;
    case 'final_answer':
      lines.push(`Resposta do protocolo ${p}:`, body ?? '');
      break;
    case 'demand_archived':
      lines.push(`O protocolo ${p} foi arquivado.`);
      if (body) lines.push(`Motivo: ${body}`);
      break;
    case 'demand_reopened':
      lines.push(`O protocolo ${p} foi reaberto e voltou para análise.`);
      break;
    case 'appeal_filed':
      lines.push(`Recebemos o seu recurso sobre o protocolo ${p}.${payload.dueOn ? ` A decisão sai até ${formatDate(payload.dueOn)}.` : ''}`);
      break;
    case 'appeal_decided':
      lines.push(`Decisão do recurso sobre o protocolo ${p}:`, body ?? '');
      break;
    case 'satisfaction_survey':
      lines.push(`Como foi o atendimento do protocolo ${p}? Responda à pesquisa de satisfação pelo link abaixo.`);
      break;
  }
  const files = payload.attachmentNames?.length ?? 0;
  if (files) lines.push(files === 1 ? `Há 1 anexo: ${payload.attachmentNames?.[0]}. Baixe pelo link abaixo.` : `Há ${files} anexos. Baixe pelo link abaixo.`);
  lines.push(`Acompanhe: ${statusUrl}`);
  return lines.filter((line) => line !== '').join('\n');
}

const STATUS_PHRASES: Record<CitizenTemplate, string> = {
  demand_received: 'Recebida',
  demand_forwarded: 'Encaminhada',
  public_reply: 'Nova mensagem',
  info_requested: 'Aguardando informações suas',
  deadline_extended: 'Prazo prorrogado',
  final_answer: 'Respondida',
  demand_archived: 'Arquivada',
  demand_reopened: 'Reaberta',
  satisfaction_survey: 'Pesquisa de satisfação',
  appeal_filed: 'Recurso recebido',
  appeal_decided: 'Recurso decidido',
};

/** A public reply says nothing about the state by its name: the state it left the demand in does. */
export function notificationStatusPhrase(template: CitizenTemplate, payload: Pick<CitizenNotificationPayload, 'state'> = {}): string {
  if (template === 'public_reply' && payload.state) return `Nova mensagem (${STATE_LABELS[payload.state]})`;
  return STATUS_PHRASES[template];
}
