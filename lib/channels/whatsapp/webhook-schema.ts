import { z } from 'zod';

/**
 * The Cloud API `messages` webhook, as Meta documents it: `entry[].changes[].value` carries the business
 * number (`metadata`), the senders (`contacts`), their `messages` and the `statuses` of what we sent.
 * Objects are loose: Meta adds fields over time, and the raw message is stored as it came.
 */

const MediaSchema = z.looseObject({
  id: z.string().min(1),
  mime_type: z.string().default('application/octet-stream'),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

const ButtonReplySchema = z.object({ id: z.string(), title: z.string() });

export { CONTROL_CHARACTERS_TYPE } from '../chat/control-characters';

export const WebhookMessageSchema = z.looseObject({
  /** The sender's phone; absent for a user who hides it behind a username. */
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  id: z.string().min(1),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: MediaSchema.optional(),
  document: MediaSchema.optional(),
  audio: MediaSchema.optional(),
  location: z
    .looseObject({
      latitude: z.coerce.number().min(-90).max(90),
      longitude: z.coerce.number().min(-180).max(180),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: ButtonReplySchema.optional(),
      list_reply: ButtonReplySchema.extend({ description: z.string().optional() }).optional(),
    })
    .optional(),
  /** A quick-reply button on a template message. */
  button: z.looseObject({ text: z.string(), payload: z.string().optional() }).optional(),
});
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;

export const WebhookContactSchema = z.looseObject({
  profile: z.looseObject({ name: z.string().optional() }).optional(),
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
});
export type WebhookContact = z.infer<typeof WebhookContactSchema>;

export const WebhookStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.string().regex(/^\d+$/),
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: z
    .array(
      z.looseObject({
        code: z.coerce.number().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
export type WebhookStatus = z.infer<typeof WebhookStatusSchema>;

export const MessagesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({ display_phone_number: z.string(), phone_number_id: z.string() }),
  contacts: z.array(WebhookContactSchema).optional(),
  messages: z.array(WebhookMessageSchema).optional(),
  statuses: z.array(WebhookStatusSchema).optional(),
});
export type MessagesValue = z.infer<typeof MessagesValueSchema>;

export const WebhookPayloadSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

/** The `messages` changes of a payload; other subscribed fields (account updates, templates) are not ours. */
export function messagesValuesOf(payload: z.infer<typeof WebhookPayloadSchema>): { values: MessagesValue[]; invalid: number } {
  const values: MessagesValue[] = [];
  let invalid = 0;
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const parsed = MessagesValueSchema.safeParse(change.value);
      if (parsed.success) values.push(parsed.data);
      else invalid++;
    }
  }
  return { values, invalid };
}

/** The contact entry that sent a message: matched by phone or user id, else the only one there is. */
export function senderOf(message: WebhookMessage, contacts: WebhookContact[]): WebhookContact {
  const match = contacts.find(
    (c) => (message.from && c.wa_id === message.from) || (message.from_user_id && c.user_id === message.from_user_id),
  );
  if (match) return match;
  if (contacts.length === 1 && contacts[0]) return contacts[0];
  return { wa_id: message.from, user_id: message.from_user_id };
}
