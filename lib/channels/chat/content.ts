import { z } from 'zod';

/**
 * What the chat engine says, independent of any platform's JSON: plain text, up to three reply buttons,
 * a list of at most ten rows, or an approved template. These limits are the strictest of the platforms
 * (WhatsApp's interactive messages), so every platform adapter can show what the engine asks for: each
 * renders it in its own way (lib/channels/whatsapp/messages.ts, lib/channels/messenger/render.ts). Pure.
 */

export type ReplyButton = { id: string; title: string };
export type ListRow = { id: string; title: string; description?: string };

export type OutgoingContent =
  | { kind: 'text'; text: string }
  | { kind: 'buttons'; text: string; buttons: ReplyButton[] }
  | { kind: 'list'; text: string; button: string; rows: ListRow[] }
  | { kind: 'template'; name: string; language: string; parameters: string[] };

/** WhatsApp's limits for interactive messages (Cloud API reference), the tightest of the platforms. */
export const LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  listButton: 20,
  rowTitle: 24,
  rowDescription: 72,
  sectionTitle: 24,
} as const;

/** Cuts a label to Meta's limit, marking the cut, so a long category name never makes a send fail. */
export function fitTo(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** The message as a person reads it: for the simulator page, the demand's thread and logs. */
export function previewOf(content: OutgoingContent): string {
  switch (content.kind) {
    case 'text':
      return content.text;
    case 'buttons':
      return `${content.text}\n${content.buttons.map((b) => `[${b.title}]`).join(' ')}`;
    case 'list':
      return `${content.text}\n${content.rows.map((r) => `• ${r.title}${r.description ? ` — ${r.description}` : ''}`).join('\n')}`;
    case 'template':
      return `Modelo “${content.name}” (${content.language}): ${content.parameters.join(' · ')}`;
  }
}

// Stored with each outbound row; parsed back before a retry.
const ReplyButtonSchema = z.object({ id: z.string(), title: z.string() });
export const OutgoingContentSchema: z.ZodType<OutgoingContent> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('buttons'), text: z.string(), buttons: z.array(ReplyButtonSchema) }),
  z.object({
    kind: z.literal('list'),
    text: z.string(),
    button: z.string(),
    rows: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().optional() })),
  }),
  z.object({ kind: z.literal('template'), name: z.string(), language: z.string(), parameters: z.array(z.string()) }),
]);
