import 'server-only';
import { citizenAppealStatus, type CitizenAppealStatus } from './information-requests';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, type Database } from '@/lib/db/client';
import { attachments, categories, demandEvents, demands, departments } from '@/lib/db/schema';
import { deadlineStatus, type DeadlineStatus } from '@/lib/domain/deadlines';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { EVENT_LABELS, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { normalizeMobilePhone } from '@/lib/domain/phone';
import { EXAMPLE_PROTOCOL, parseProtocol } from '@/lib/domain/protocol';
import type { DemandEventType, DemandKind, DemandState, Identity, Service } from '@/lib/domain/vocabulary';
import { isIdentityProtected } from '@/lib/domain/permissions';
import { clearRateLimit, failureDelaySeconds, hitRateLimit, peekRateLimit, recordFailure, sleep, type RateLimitRule, type Wait } from '@/lib/rate-limit';
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
  /** The names of the files on its public movements (the ones sent when filing first): the citizen sees they arrived. */
  attachmentNames: string[];
  /** An access-to-information request's appeals: what may be filed now (and until when), what awaits a decision. */
  appeals: CitizenAppealStatus;
};

export type PublicEvent = { id: number; type: DemandEventType; label: string; stateLabel: string; actorLabel: string; body: string; createdAt: Date };

export type TrackFailure =
  | { ok: false; reason: 'invalid'; fieldErrors: FieldErrors }
  | { ok: false; reason: 'not_found'; message: string }
  | { ok: false; reason: 'rate_limited'; message: string; retryAfterSeconds: number };

export type TrackResult = { ok: true; demand: PublicDemandView } | TrackFailure;

/**
 * Five wrong tries per visitor address in a quarter of an hour, whatever protocols they name: one address
 * cannot sweep the protocols. A success costs nothing.
 */
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
 * Finds a demand by protocol for a citizen who proves it is theirs. The access code opens any demand
 * that has one; the e-mail or mobile phone given when filing opens only a demand whose requester is not
 * protected: for a denúncia or a confidential demand a contact is no secret (whoever knows the
 * denunciante's e-mail would learn what they reported), so only the code or the signed status link
 * opens it. Every mismatch gives the same answer at the same cost, so the page cannot be used to learn
 * which protocols exist or what kind they are. Mismatches from one address are capped; mismatches for one
 * protocol from one address slow that address down, and never the owner elsewhere.
 */
export async function trackDemand(
  input: unknown,
  context: { clientAddress: string },
  options: { now?: Date; db?: Database; wait?: Wait } = {},
): Promise<TrackResult> {
  const parsed = TrackingRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  const protocol = parseProtocol(parsed.data.protocol);
  if (!protocol.ok) return { ok: false, reason: 'invalid', fieldErrors: { protocol: [PROTOCOL_MESSAGES[protocol.reason]] } };

  const now = options.now ?? new Date();
  const addressKey = `track:address:${context.clientAddress}`;
  const proofKey = `track:protocol-address:${protocol.protocol}:${context.clientAddress}`;
  // Both counters are read at once (one round trip's wait, not two); the address's cap still decides first.
  const [limit, delaySeconds] = await Promise.all([peekRateLimit(addressKey, TRACKING_FAILURE_LIMIT, now), failureDelaySeconds(proofKey, now)]);
  if (limit.remaining === 0) {
    return { ok: false, reason: 'rate_limited', message: rateLimitedMessage(limit.retryAfterSeconds, now), retryAfterSeconds: limit.retryAfterSeconds };
  }
  await (options.wait ?? sleep)(delaySeconds);

  const db = options.db ?? (await getDb());
  const [demand] = await db
    .select({
      id: demands.id,
      kind: demands.kind,
      identity: demands.identity,
      accessCodeHash: demands.accessCodeHash,
      email: demands.requesterEmail,
      phone: demands.requesterPhone,
    })
    .from(demands)
    .where(eq(demands.protocol, protocol.protocol));
  // An unknown protocol is checked too, against a placeholder code: the same cost as a real one.
  const matches = await proofMatches(parsed.data.secret, demand);
  if (!demand || !matches) {
    await Promise.all([hitRateLimit(addressKey, TRACKING_FAILURE_LIMIT, now), recordFailure(proofKey, now)]);
    return { ok: false, reason: 'not_found', message: NOT_FOUND_MESSAGE };
  }
  const [, view] = await Promise.all([clearRateLimit(proofKey), loadPublicView(db, demand.id, now)]);
  return { ok: true, demand: view };
}

const clockFormatter = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit' });

function rateLimitedMessage(retryAfterSeconds: number, now: Date): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const at = clockFormatter.format(new Date(now.getTime() + retryAfterSeconds * 1000));
  return `Muitas tentativas sem sucesso a partir desta conexão. Por segurança, a consulta está bloqueada por ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}: tente de novo a partir das ${at} (horário de Brasília).`;
}

type ProofTarget = { kind: DemandKind; identity: Identity; accessCodeHash: string | null; email: string | null; phone: string | null };

/**
 * The access code is always hashed (against a placeholder when the demand has none, or there is no
 * demand), whatever was typed: an e-mail must not answer faster than a code, nor a protected demand
 * faster than another.
 */
async function proofMatches(secret: string, demand: ProofTarget | undefined): Promise<boolean> {
  const codeMatches = await verifyAccessCode(secret, demand?.accessCodeHash ?? (await placeholderHash()));
  if (!demand) return false;
  if (demand.accessCodeHash && codeMatches) return true;
  if (demand.identity === 'anonymous' || isIdentityProtected(demand)) return false;
  return contactMatches(secret, demand);
}

/** The secret is an e-mail when it has an @, a phone when it reads as a mobile number. */
function contactMatches(secret: string, demand: { email: string | null; phone: string | null }): boolean {
  if (secret.includes('@')) return Boolean(demand.email) && demand.email?.toLowerCase() === secret.toLowerCase();
  const phone = normalizeMobilePhone(secret);
  return Boolean(phone) && demand.phone === phone;
}

let placeholder: Promise<string> | undefined;
function placeholderHash(): Promise<string> {
  placeholder ??= hashAccessCode(generateAccessCode());
  return placeholder;
}

const responsibleDepartments = alias(departments, 'responsible_departments');
const categoryDepartments = alias(departments, 'category_departments');

async function loadPublicView(db: Database, demandId: string, now: Date): Promise<PublicDemandView> {
  const [[row], events, files] = await Promise.all([
    db
      .select({
        protocol: demands.protocol,
        service: demands.service,
        kind: demands.kind,
        subject: demands.subject,
        state: demands.state,
        createdAt: demands.createdAt,
        dueOn: demands.dueOn,
        id: demands.id,
        answeredAt: demands.answeredAt,
        informationOutcome: demands.informationOutcome,
        categoryName: categories.name,
        responsibleDepartment: responsibleDepartments.name,
        categoryDepartment: categoryDepartments.name,
      })
      .from(demands)
      .leftJoin(categories, eq(categories.id, demands.categoryId))
      .leftJoin(responsibleDepartments, eq(responsibleDepartments.id, demands.departmentId))
      .leftJoin(categoryDepartments, eq(categoryDepartments.id, categories.departmentId))
      .where(eq(demands.id, demandId)),
    db
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
      .orderBy(asc(demandEvents.createdAt), asc(demandEvents.id)),
    db
      .select({ fileName: attachments.fileName })
      .from(attachments)
      .innerJoin(demandEvents, eq(demandEvents.id, attachments.eventId))
      .where(and(eq(attachments.demandId, demandId), eq(demandEvents.visibility, 'public')))
      .orderBy(asc(attachments.createdAt), asc(attachments.fileName)),
  ]);
  if (!row) throw new Error(`Demand ${demandId} vanished while being tracked`);

  const finished = FINISHED_STATES.includes(row.state);
  // Read only for an access-to-information request: the tracking lookup stays one query for the rest.
  const appeals = await citizenAppealStatus(row, now, { db });
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
    attachmentNames: files.map((file) => file.fileName),
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      label: EVENT_LABELS[event.type],
      stateLabel: STATE_LABELS[event.stateAfter],
      actorLabel: event.actorLabel,
      body: event.body,
      createdAt: event.createdAt,
    })),
    appeals,
  };
}
