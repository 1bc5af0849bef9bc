import { OutgoingContentSchema } from './content';
import type { ThreadMessage } from './thread-message';

export type ChatOption = { id: string; title: string; description?: string };

export type ChatMessage =
  | { direction: 'in'; key: string; at: Date; text: string }
  | {
      direction: 'out';
      key: string;
      id: number;
      at: Date;
      text: string;
      statusLabel: string;
      failed: boolean;
      /** The buttons or list rows the message offered, when it is the one still waiting for an answer. */
      options?: { kind: 'buttons' | 'list'; label?: string; items: ChatOption[] };
    };

const STATUS_LABELS: Record<string, string> = {
  pending: 'na fila',
  sending: 'enviando',
  sent: 'enviada',
  delivered: 'entregue',
  read: 'lida',
  failed: 'falhou',
};

/**
 * A thread (any platform's) as the chat component shows it. With `answerable` (the development simulator), the last
 * interactive message not yet answered keeps its options as buttons; staff read the thread only.
 */
export function toChatMessages(thread: ThreadMessage[], options: { answerable?: boolean; platformName?: string } = {}): ChatMessage[] {
  const lastInbound = thread.findLastIndex((m) => m.direction === 'in');
  const waiting = options.answerable ? thread.findLastIndex((m, i) => i > lastInbound && m.direction === 'out' && (m.kind === 'buttons' || m.kind === 'list')) : -1;
  return thread.map((message, index): ChatMessage => {
    if (message.direction === 'in') return { direction: 'in', key: `in-${message.id}`, at: message.at, text: message.text };
    const parsed = index === waiting ? OutgoingContentSchema.safeParse(message.content) : null;
    const content = parsed?.success ? parsed.data : null;
    const choices =
      content?.kind === 'buttons'
        ? { kind: 'buttons' as const, items: content.buttons }
        : content?.kind === 'list'
          ? { kind: 'list' as const, label: content.button, items: content.rows }
          : undefined;
    const status =
      message.status === 'failed' && message.lastError
        ? `falhou: ${message.lastError}`
        : message.transport === 'simulator' && message.status === 'accepted'
          ? 'guardada pelo simulador'
          : message.status === 'accepted'
            ? `aceita pelo ${options.platformName ?? 'WhatsApp'}`
            : (STATUS_LABELS[message.status] ?? message.status);
    return {
      direction: 'out',
      key: `out-${message.id}`,
      id: message.id,
      at: message.at,
      // The waiting message's options become buttons below its text instead of a list in it.
      text: choices && content && content.kind !== 'template' ? content.text : message.text,
      statusLabel: status,
      failed: message.status === 'failed',
      ...(choices ? { options: choices } : {}),
    };
  });
}
