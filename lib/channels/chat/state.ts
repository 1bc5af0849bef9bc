import { z } from 'zod';
import type { CategoryField } from '@/lib/domain/category-fields';
import { IDENTITIES, OUVIDORIA_KINDS, SERVICES, type DemandState, type Service } from '@/lib/domain/vocabulary';
import type { OutgoingContent } from './content';
import { CHAT_SURFACES, type ChatSurface } from './surface';

/**
 * The guided conversation's state, inputs, context and results: the types every platform and the engine
 * share. The state is stored as JSON on the platform's conversation row.
 */


const DraftMediaSchema = z.object({
  mediaId: z.string(),
  kind: z.enum(['image', 'document']),
  mimeType: z.string(),
  fileName: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
});
export type DraftMedia = z.infer<typeof DraftMediaSchema>;

const DraftSchema = z.object({
  service: z.enum(SERVICES),
  kind: z.enum(OUVIDORIA_KINDS).optional(),
  categoryId: z.string().optional(),
  details: z.record(z.string(), z.string()).default({}),
  description: z.string().optional(),
  media: z.array(DraftMediaSchema).default([]),
  addressLine: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  neighbourhoodId: z.string().optional(),
  /** The open request the citizen chose to join ("Já pediram isto aqui perto"): filed as its follower. */
  join: z.object({ demandId: z.string(), protocol: z.string() }).optional(),
  identity: z.enum(IDENTITIES).optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  /** When filing began: an anonymous filing redacts the messages exchanged since then. */
  startedAt: z.string(),
});
export type Draft = z.infer<typeof DraftSchema>;

const page = z.number().int().min(0).default(0);

/** An open request offered to join, as a stranger may see it (lib/channels/duplicate-suggestions.ts). */
const JoinOptionSchema = z.object({
  id: z.string(),
  protocol: z.string(),
  state: z.string(),
  filedOn: z.string(),
  neighbourhood: z.string().nullable(),
  where: z.string(),
  followers: z.number().int().min(0),
});
export type JoinOption = z.infer<typeof JoinOptionSchema>;
const demandRef = { demandId: z.string(), protocol: z.string() };

export const ConversationStateSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('start') }),
  z.object({ step: z.literal('menu') }),
  z.object({ step: z.literal('ouvidoria_kind'), draft: DraftSchema }),
  z.object({ step: z.literal('balcao_category'), draft: DraftSchema, page }),
  z.object({ step: z.literal('balcao_question'), draft: DraftSchema, fieldIndex: z.number().int().min(0) }),
  z.object({ step: z.literal('description'), draft: DraftSchema }),
  z.object({ step: z.literal('attachments'), draft: DraftSchema }),
  z.object({ step: z.literal('address'), draft: DraftSchema }),
  z.object({ step: z.literal('neighbourhood'), draft: DraftSchema, page }),
  /** Open requests of the same service near the point or with a similar description: join one or file anew. */
  z.object({ step: z.literal('join_offer'), draft: DraftSchema, suggestions: z.array(JoinOptionSchema).min(1).max(5) }),
  z.object({ step: z.literal('identity'), draft: DraftSchema }),
  z.object({ step: z.literal('name'), draft: DraftSchema }),
  z.object({ step: z.literal('email'), draft: DraftSchema }),
  z.object({ step: z.literal('confirm'), draft: DraftSchema }),
  z.object({ step: z.literal('follow') }),
  /** A protocol that is not this contact's: shown once the citizen proves it is theirs. */
  z.object({ step: z.literal('access_code'), protocol: z.string() }),
  z.object({
    step: z.literal('following'),
    ...demandRef,
    canMessage: z.boolean(),
    /** Set when a notification put the demand in front of the citizen: a reply is about it for a day. */
    fromNotification: z.boolean().default(false),
  }),
  z.object({ step: z.literal('attendant_pick') }),
  z.object({ step: z.literal('compose'), ...demandRef, purpose: z.enum(['attendant', 'message']) }),
]);
export type ConversationState = z.infer<typeof ConversationStateSchema>;
export type Step = ConversationState['step'];
export type StateOf<S extends Step> = Extract<ConversationState, { step: S }>;
export type DraftState = Extract<ConversationState, { draft: Draft }>;

export const START: ConversationState = { step: 'start' };

/** A stored state from an older version (or damaged) starts over instead of failing every message. */
export function parseConversationState(value: unknown): ConversationState {
  const parsed = ConversationStateSchema.safeParse(value);
  return parsed.success ? parsed.data : START;
}

// ---------------------------------------------------------------------------------------------------
// Inputs, context, actions

export type ConversationInput =
  | { type: 'text'; text: string }
  /** A tapped reply button or list row (or a template's quick reply): its id and title. */
  | { type: 'choice'; id: string; title: string }
  | { type: 'media'; media: DraftMedia }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { type: 'unsupported'; messageType: string };

export type CatalogService = { id: string; name: string; fields: CategoryField[] };
export type MyDemand = { id: string; protocol: string; subject: string; state: DemandState };

export type ConversationContext = {
  /** When the citizen sent the message. */
  now: Date;
  balcaoServices: CatalogService[];
  neighbourhoods: { id: string; name: string }[];
  /** `phone` is known when WhatsApp shared a Brazilian mobile number (not for username-only users). */
  contact: { profileName: string | null; phone: string | null };
  /** This contact's demands, newest first. */
  myDemands: MyDemand[];
  /** The platform the conversation runs on; WhatsApp when absent. */
  surface?: ChatSurface;
};

export function surfaceOf(ctx: Pick<ConversationContext, 'surface'>): ChatSurface {
  return ctx.surface ?? CHAT_SURFACES.whatsapp;
}

export type ConversationAction =
  | { type: 'file_demand'; draft: Draft }
  /** Where and what are known: look for open requests of the same service to offer before filing. */
  | { type: 'suggest_duplicates'; draft: Draft }
  | { type: 'lookup'; protocol: string }
  | { type: 'lookup'; demandId: string }
  /** The access code, or the e-mail or mobile given when filing, as the tracking page takes it. */
  | { type: 'check_access_code'; protocol: string; code: string }
  | { type: 'add_message'; demandId: string; body: string; purpose: 'attendant' | 'message' };

export type DemandView = {
  demandId: string;
  protocol: string;
  service: Service;
  subject: string;
  state: DemandState;
  dueOn: string;
  lastMovement: { label: string; at: Date; body?: string } | null;
  statusUrl: string;
  /** An access-to-information request's appeal: until when, and how (information-appeal.ts). */
  appealLine?: string;
};

export type ActionResult =
  | {
      type: 'filed';
      protocol: string;
      dueOn: string;
      service: Service;
      statusUrl: string;
      accessCode?: string;
      /** Anonymous: nothing links this number to the demand, so no notices come. */
      anonymous: boolean;
      /** Attachments that were not accepted, with the reason the citizen reads. */
      skippedFiles: { name: string; reason: string }[];
      /** The open request this one joined: its protocol. */
      joinedProtocol?: string;
    }
  | { type: 'duplicates_found'; suggestions: JoinOption[] }
  | { type: 'filing_rejected'; fieldErrors: Partial<Record<string, string[]>> }
  | { type: 'demand_found'; view: DemandView }
  | { type: 'demand_not_found'; protocol: string }
  | { type: 'proof_needed'; protocol: string }
  | { type: 'proof_refused'; protocol: string; message: string }
  | { type: 'rate_limited'; message?: string }
  | { type: 'message_added'; demandId: string; protocol: string; purpose: 'attendant' | 'message'; notice?: string }
  | { type: 'message_refused'; error: string };

export type Outcome = { state: ConversationState; replies: OutgoingContent[]; action?: ConversationAction };

// ---------------------------------------------------------------------------------------------------
// Timing

/** An unfinished conversation is dropped after this much silence. */
export const INACTIVITY_MINUTES = 30;
/** After a notification, a reply is taken as being about that demand for as long as Meta's window lasts. */
export const NOTIFICATION_FOLLOW_UP_HOURS = 24;

export function expiresAtFor(state: ConversationState, lastActivityAt: Date): Date | null {
  if (state.step === 'start') return null;
  const minutes = state.step === 'following' && state.fromNotification ? NOTIFICATION_FOLLOW_UP_HOURS * 60 : INACTIVITY_MINUTES;
  return new Date(lastActivityAt.getTime() + minutes * 60_000);
}

/** For callers that need to know whether a state is in the middle of filing (it has a draft). */
export function isFiling(state: ConversationState): state is DraftState {
  return 'draft' in state;
}
