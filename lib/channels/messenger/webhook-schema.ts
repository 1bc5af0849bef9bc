import { z } from 'zod';

/**
 * The Messenger Platform's webhook body, as Pages messaging (`object: "page"`) and Instagram messaging
 * (`object: "instagram"`) send it: entries with `messaging` events — a message (text, quick reply,
 * attachments), a postback (a tapped button), a delivery or a read receipt. Unknown fields pass through.
 */

const AttachmentSchema = z.looseObject({
  type: z.string(),
  payload: z.looseObject({ url: z.string().optional(), title: z.string().optional() }).nullish(),
});

export const MessagingEventSchema = z.looseObject({
  sender: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string().min(1) }),
  timestamp: z.coerce.number(),
  message: z
    .looseObject({
      mid: z.string().min(1),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      quick_reply: z.looseObject({ payload: z.string() }).optional(),
      attachments: z.array(AttachmentSchema).optional(),
    })
    .optional(),
  postback: z.looseObject({ mid: z.string().optional(), title: z.string().optional(), payload: z.string() }).optional(),
  delivery: z.looseObject({ mids: z.array(z.string()).optional(), watermark: z.coerce.number() }).optional(),
  read: z.looseObject({ watermark: z.coerce.number().optional(), mid: z.string().optional() }).optional(),
});
export type MessagingEvent = z.infer<typeof MessagingEventSchema>;

export const MessengerWebhookSchema = z.looseObject({
  object: z.enum(['page', 'instagram']),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      time: z.coerce.number().optional(),
      messaging: z.array(z.unknown()).optional(),
    }),
  ),
});

export const OBJECT_OF = { messenger: 'page', instagram: 'instagram' } as const;
