import { z } from 'zod';

/**
 * What the channel sends, independent of the Graph API's JSON: plain text, up to three reply buttons, a
 * list (Meta allows ten rows), or an approved template. Pure: rendering to Graph JSON and to plain text.
 */

export type ReplyButton = { id: string; title: string };
export type ListRow = { id: string; title: string; description?: string };

export type OutgoingContent =
  | { kind: 'text'; text: string }
  | { kind: 'buttons'; text: string; buttons: ReplyButton[] }
  | { kind: 'list'; text: string; button: string; rows: ListRow[] }
  | { kind: 'template'; name: string; language: string; parameters: string[] };

/** Meta's limits for interactive messages (Cloud API reference, interactive messages). */
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

/** Who receives it: a phone-based WhatsApp id, or the business-scoped user id when the phone is hidden. */
export type Recipient = { to: string } | { recipient: string };

export function toGraphMessage(address: Recipient, content: OutgoingContent): Record<string, unknown> {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', ...address };
  switch (content.kind) {
    case 'text':
      return { ...base, type: 'text', text: { body: fitTo(content.text, LIMITS.textBody), preview_url: /https?:\/\//.test(content.text) } };
    case 'buttons':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: fitTo(content.text, LIMITS.interactiveBody) },
          action: {
            buttons: content.buttons.slice(0, LIMITS.buttons).map((b) => ({ type: 'reply', reply: { id: b.id, title: fitTo(b.title, LIMITS.buttonTitle) } })),
          },
        },
      };
    case 'list':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: fitTo(content.text, LIMITS.interactiveBody) },
          action: {
            button: fitTo(content.button, LIMITS.listButton),
            sections: [
              {
                title: fitTo('Opções', LIMITS.sectionTitle),
                rows: content.rows.slice(0, LIMITS.listRows).map((row) => ({
                  id: row.id,
                  title: fitTo(row.title, LIMITS.rowTitle),
                  ...(row.description ? { description: fitTo(row.description, LIMITS.rowDescription) } : {}),
                })),
              },
            ],
          },
        },
      };
    case 'template':
      return {
        ...base,
        type: 'template',
        template: {
          name: content.name,
          language: { code: content.language },
          components: [{ type: 'body', parameters: content.parameters.map((text) => ({ type: 'text', text })) }],
        },
      };
  }
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
