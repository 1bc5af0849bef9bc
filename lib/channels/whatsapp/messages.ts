import { fitTo, LIMITS, type OutgoingContent } from '../chat/content';

/** The chat engine's content as the Cloud API's JSON: WhatsApp shows buttons and lists natively. */

export { fitTo, LIMITS, OutgoingContentSchema, previewOf, type ListRow, type OutgoingContent, type ReplyButton } from '../chat/content';

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

