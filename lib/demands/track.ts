import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, type Database } from '@/lib/db/client';
import { categories, demandEvents, demands, departments } from '@/lib/db/schema';
import { deadlineStatus, type DeadlineStatus } from '@/lib/domain/deadlines';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { EVENT_LABELS, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { normalizeMobilePhone } from '@/lib/domain/phone';
import { EXAMPLE_PROTOCOL, parseProtocol } from '@/lib/domain/protocol';
import type { DemandEventType, DemandKind, DemandState, Service } from '@/lib/domain/vocabulary';
import { hitRateLimit, peekRateLimit, type RateLimitRule } from '@/lib/rate-limit';
import { generateAccessCode, hashAccessCode, verifyAccessCode } from './access-code';

/** What anyone holding the protocol and its secret may see: no identity, no internal movement. */
export type PublicDemandView = {
  protocol: string;
  service: Service;
  serviceLabel: string;
  kind: DemandKind;
  kindLabel: string;
  categoryName: string | null;
  subject: string;
  state: DemandState;
  stateLabel: string;
  createdAt: Date;
  dueOn: string;
  /** Null once the demand is answered, closed or archived: the deadline no longer runs. */
  deadline: { daysLeft: number; status: DeadlineStatus; suspended: boolean } | null;
  departmentName: string | null;
  events: PublicEvent[];
};

export type PublicEvent = { id: number; type: DemandEventType; label: string; stateLabel: string; actorLabel: string; body: string; createdAt: Date };

export type TrackFailure =
  | { ok: false; reason: 'invalid'; fieldErrors: FieldErrors }
  | { ok: false; reason: 'not_found'; message: string }
  | { ok: false; reason: 'rate_limited'; message: string; retryAfterSeconds: number };

export type TrackResult = { ok: true; demand: PublicDemandView } | TrackFailure;

/** Five wrong tries per visitor address and per protocol in a quarter of an hour; a success costs nothing. */
export const TRACKING_FAILURE_LIMIT: RateLimitRule = { limit: 5, windowSeconds: 15 * 60 };

export const NOT_FOUND_MESSAGE =
  'Não encontramos uma manifestação com esse protocolo e esse código de acesso, e-mail ou celular. Confira os dados e tente de novo.';

const PROTOCOL_MESSAGES = {
  format: `O protocolo tem o formato ano-número-dígito, como ${EXAMPLE_PROTOCOL}. Confira o número.`,
  check_digit: 'O último dígito do protocolo não confere: algum número foi digitado errado. Confira o protocolo.',
} as const;

const TrackingRequestSchema = z.object({
  protocol: z.string({ error: 'Informe o número do protocolo.' }).trim().min(1, { error: 'Informe o número do protocolo.' }),
  secret: z
    .string({ error: 'Informe o código de acesso, ou o e-mail ou o celular usados no registro.' })
    .trim()
    .min(1, { error: 'Informe o código de acesso, ou o e-mail ou o celular usados no registro.' })
    .max(254, { error: 'Confira o código de acesso, e-mail ou celular.' }),
});

const FINISHED_STATES: readonly DemandState[] = ['answered', 'closed', 'archived'];

/**
 * Finds a demand by protocol for a citizen who proves it is theirs with the anonymous access code, or the
 * e-mail or mobile phone given when filing. Every mismatch gives the same answer, so the page cannot be
 * used to learn which protocols exist; repeated mismatches are throttled per address and per protocol.
 */
export async function trackDemand(
  input: unknown,
  context: { clientAddress: string },
  options: { now?: Date; db?: Database } = {},
): Promise<TrackResult> {
  const parsed = TrackingRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  const protocol = parseProtocol(parsed.data.protocol);
  if (!protocol.ok) return { ok: false, reason: 'invalid', fieldErrors: { protocol: [PROTOCOL_MESSAGES[protocol.reason]] } };

  const now = options.now ?? new Date();
  const keys = [`track:address:${context.clientAddress}`, `track:protocol:${protocol.protocol}`];
  const blocked = await firstBlocked(keys, now);
  if (blocked) return blocked;

  const db = options.db ?? (await getDb());
  const [demand] = await db
    .select({ id: demands.id, accessCodeHash: demands.accessCodeHash, email: demands.requesterEmail, phone: demands.requesterPhone })
    .from(demands)
    .where(eq(demands.protocol, protocol.protocol));
  // An unknown protocol is checked against an empty record, which costs the same hashing as a real one:
  // the response time must not tell which protocols exist either.
  const matches = await secretMatches(parsed.data.secret, demand ?? { accessCodeHash: await placeholderHash(), email: null, phone: null });
  if (!demand || !matches) {
    await Promise.all(keys.map((key) => hitRateLimit(key, TRACKING_FAILURE_LIMIT, now)));
    return { ok: false, reason: 'not_found', message: NOT_FOUND_MESSAGE };
  }
  return { ok: true, demand: await loadPublicView(db, demand.id, now) };
}

async function firstBlocked(keys: string[], now: Date): Promise<TrackFailure | null> {
  for (const key of keys) {
    const limit = await peekRateLimit(key, TRACKING_FAILURE_LIMIT, now);
    if (limit.remaining === 0) {
      return { ok: false, reason: 'rate_limited', message: rateLimitedMessage(limit.retryAfterSeconds, now), retryAfterSeconds: limit.retryAfterSeconds };
    }
  }
  return null;
}

const clockFormatter = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit' });

function rateLimitedMessage(retryAfterSeconds: number, now: Date): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const at = clockFormatter.format(new Date(now.getTime() + retryAfterSeconds * 1000));
  return `Muitas tentativas sem sucesso. Por segurança, a consulta está bloqueada por ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}: tente de novo a partir das ${at} (horário de Brasília).`;
}

/** The secret is an e-mail when it has an @, a phone when it reads as a mobile number, else an access code. */
async function secretMatches(secret: string, demand: { accessCodeHash: string | null; email: string | null; phone: string | null }): Promise<boolean> {
  if (secret.includes('@')) return Boolean(demand.email) && demand.email?.toLowerCase() === secret.toLowerCase();
  const phone = normalizeMobilePhone(secret);
  if (phone) return demand.phone === phone;
  return demand.accessCodeHash ? verifyAccessCode(secret, demand.accessCodeHash) : false;
}

let placeholder: Promise<string> | undefined;
function placeholderHash(): Promise<string> {
  placeholder ??= hashAccessCode(generateAccessCode());
  return placeholder;
}

const responsibleDepartments = alias(departments, 'responsible_departments');
const categoryDepartments = alias(departments, 'category_departments');

async function loadPublicView(db: Database, demandId: string, now: Date): Promise<PublicDemandView> {
  const [row] = await db
    .select({
      protocol: demands.protocol,
      service: demands.service,
      kind: demands.kind,
      subject: demands.subject,
      state: demands.state,
      createdAt: demands.createdAt,
      dueOn: demands.dueOn,
      categoryName: categories.name,
      responsibleDepartment: responsibleDepartments.name,
      categoryDepartment: categoryDepartments.name,
    })
    .from(demands)
    .leftJoin(categories, eq(categories.id, demands.categoryId))
    .leftJoin(responsibleDepartments, eq(responsibleDepartments.id, demands.departmentId))
    .leftJoin(categoryDepartments, eq(categoryDepartments.id, categories.departmentId))
    .where(eq(demands.id, demandId));
  if (!row) throw new Error(`Demand ${demandId} vanished while being tracked`);

  const events = await db
    .select({
      id: demandEvents.id,
      type: demandEvents.type,
      stateAfter: demandEvents.stateAfter,
      actorLabel: demandEvents.actorLabel,
      body: demandEvents.body,
      createdAt: demandEvents.createdAt,
    })
    .from(demandEvents)
    .where(and(eq(demandEvents.demandId, demandId), eq(demandEvents.visibility, 'public')))
    .orderBy(asc(demandEvents.createdAt), asc(demandEvents.id));

  const finished = FINISHED_STATES.includes(row.state);
  return {
    protocol: row.protocol,
    service: row.service,
    serviceLabel: SERVICE_LABELS[row.service],
    kind: row.kind,
    kindLabel: KIND_LABELS[row.kind],
    categoryName: row.categoryName,
    subject: row.subject,
    state: row.state,
    stateLabel: STATE_LABELS[row.state],
    createdAt: row.createdAt,
    dueOn: row.dueOn,
    deadline: finished ? null : { ...deadlineStatus(row.dueOn, now), suspended: row.state === 'awaiting_citizen' },
    // Balcão services have an owner from the start; an Ouvidoria manifestação has one once forwarded.
    departmentName: row.responsibleDepartment ?? (row.service === 'balcao' ? row.categoryDepartment : null),
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      label: EVENT_LABELS[event.type],
      stateLabel: STATE_LABELS[event.stateAfter],
      actorLabel: event.actorLabel,
      body: event.body,
      createdAt: event.createdAt,
    })),
  };
}
