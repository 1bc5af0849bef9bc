import 'server-only';
import { and, asc, desc, eq, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AuthorizationError, type Actor } from '@/lib/auth/guards';
import { getDb, type Database } from '@/lib/db/client';
import { accounts, dataProtectionRequests, demands, outbox, users, whatsappContactDemands, whatsappContacts } from '@/lib/db/schema';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { multilineText } from '@/lib/domain/plain-text';
import { dataProtectionRequestDueOn, RETAINED_STATES } from '@/lib/domain/privacy';
import { DATA_PROTECTION_REQUEST_SCOPES } from '@/lib/domain/vocabulary';
import { anonymiseDemand, deleteStoredFiles } from './anonymise';

/**
 * The citizen's request to delete or anonymise their data (LGPD art. 18 IV and VI), decided by the
 * encarregado within 15 days (art. 19 II). A demand is a public record kept for its retention period,
 * so it is never deleted: granting the request anonymises the requester's finished demands (closed or
 * archived) and, for `account`, also anonymises and closes the account. Demands still running are left
 * as they are, so they can be answered; the decision says so, and the retention rule reaches them later.
 */

export const REQUEST_SCOPE_LABELS = {
  demands: 'Anonimizar meus dados nos pedidos concluídos',
  account: 'Anonimizar meus dados nos pedidos concluídos e encerrar minha conta',
} as const;

const FileRequestSchema = z.object({
  scope: z.enum(DATA_PROTECTION_REQUEST_SCOPES, { error: 'Escolha o que você quer pedir.' }),
  reason: multilineText().max(2000, { error: 'O motivo pode ter até 2.000 caracteres.' }).optional().default(''),
});

export type PrivacyResult<T = undefined> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

/** Files the request; one pending request at a time per citizen (a second would only repeat the first). */
export async function fileDataProtectionRequest(actor: Pick<Actor, 'userId'>, input: unknown, now = new Date()): Promise<PrivacyResult<{ id: string; dueOn: string }>> {
  const parsed = FileRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, actor.userId)).for('update');
    if (!user?.active) return { ok: false, fieldErrors: { form: ['Sua sessão terminou. Entre de novo.'] } };
    const [pending] = await tx
      .select({ id: dataProtectionRequests.id })
      .from(dataProtectionRequests)
      .where(and(eq(dataProtectionRequests.userId, user.id), eq(dataProtectionRequests.state, 'pending')));
    if (pending) return { ok: false, fieldErrors: { scope: ['Você já tem um pedido aguardando a decisão do encarregado.'] } };
    const dueOn = dataProtectionRequestDueOn(dateInSaoPaulo(now));
    const [created] = await tx
      .insert(dataProtectionRequests)
      .values({ userId: user.id, scope: parsed.data.scope, reason: parsed.data.reason, dueOn, createdAt: now })
      .returning({ id: dataProtectionRequests.id, dueOn: dataProtectionRequests.dueOn });
    if (!created) throw new Error('Insert returned no request');
    const officers = await tx.select({ email: users.email }).from(users).where(and(eq(users.dataProtectionOfficer, true), eq(users.active, true)));
    if (officers.length) {
      await tx.insert(outbox).values(
        officers.map((officer) => ({
          channel: 'email' as const,
          template: 'privacy_request_filed',
          recipient: officer.email,
          payload: { dueOn: created.dueOn },
          idempotencyKey: `privacy_request_filed:${created.id}:${officer.email}`,
          nextAttemptAt: now,
          createdAt: now,
        })),
      );
    }
    return { ok: true, value: created };
  });
}

/** The citizen's own requests, newest first. */
export async function listOwnDataProtectionRequests(actor: Pick<Actor, 'userId'>) {
  const db = await getDb();
  return db.select().from(dataProtectionRequests).where(eq(dataProtectionRequests.userId, actor.userId)).orderBy(desc(dataProtectionRequests.createdAt));
}

/** Whether this staff member holds the encarregado's permission (lib/admin/users.ts grants it). */
export async function isDataProtectionOfficer(actor: Pick<Actor, 'userId' | 'role'>, db?: Database): Promise<boolean> {
  if (actor.role === 'citizen') return false;
  const database = db ?? (await getDb());
  const [user] = await database.select({ officer: users.dataProtectionOfficer, active: users.active }).from(users).where(eq(users.id, actor.userId));
  return Boolean(user?.active && user.officer);
}

async function assertDataProtectionOfficer(actor: Pick<Actor, 'userId' | 'role'>, db: Database): Promise<void> {
  if (!(await isDataProtectionOfficer(actor, db))) throw new AuthorizationError(403);
}

const requester = alias(users, 'requester');

/** The encarregado's queue: pending requests by deadline, then the latest decided ones. */
export async function listDataProtectionQueue(actor: Pick<Actor, 'userId' | 'role'>) {
  const db = await getDb();
  await assertDataProtectionOfficer(actor, db);
  const columns = {
    id: dataProtectionRequests.id,
    scope: dataProtectionRequests.scope,
    reason: dataProtectionRequests.reason,
    state: dataProtectionRequests.state,
    dueOn: dataProtectionRequests.dueOn,
    createdAt: dataProtectionRequests.createdAt,
    decidedAt: dataProtectionRequests.decidedAt,
    decision: dataProtectionRequests.decision,
    anonymisedDemands: dataProtectionRequests.anonymisedDemands,
    requesterName: requester.name,
    requesterEmail: requester.email,
    finishedDemands: sql<number>`(select count(*)::int from ${demands} d where d.requester_user_id = ${dataProtectionRequests.userId} and d.state in ('closed', 'archived'))`,
    runningDemands: sql<number>`(select count(*)::int from ${demands} d where d.requester_user_id = ${dataProtectionRequests.userId} and d.state not in ('closed', 'archived'))`,
  };
  const [pending, decided] = await Promise.all([
    db.select(columns).from(dataProtectionRequests).innerJoin(requester, eq(requester.id, dataProtectionRequests.userId)).where(eq(dataProtectionRequests.state, 'pending')).orderBy(asc(dataProtectionRequests.dueOn), asc(dataProtectionRequests.createdAt)),
    db.select(columns).from(dataProtectionRequests).innerJoin(requester, eq(requester.id, dataProtectionRequests.userId)).where(sql`${dataProtectionRequests.state} <> 'pending'`).orderBy(desc(dataProtectionRequests.decidedAt)).limit(20),
  ]);
  return { pending, decided };
}

const DecideSchema = z.object({
  requestId: z.uuid({ error: 'Pedido não encontrado.' }),
  decision: z.enum(['granted', 'denied'], { error: 'Escolha atender ou negar o pedido.' }),
  reason: multilineText({ error: 'Escreva a fundamentação da decisão.' })
    .min(10, { error: 'Escreva a fundamentação da decisão em pelo menos 10 caracteres.' })
    .max(4000, { error: 'A fundamentação pode ter até 4.000 caracteres.' }),
});

/**
 * The encarregado's decision, in one transaction: the request decided, each finished demand anonymised
 * with an internal event carrying the reason, the account anonymised and closed when asked, and the
 * notice to the citizen in the outbox (sent to the address the account had when they asked).
 */
export async function decideDataProtectionRequest(
  actor: Pick<Actor, 'userId' | 'role' | 'name'>,
  input: unknown,
  now = new Date(),
): Promise<PrivacyResult<{ anonymised: number }>> {
  const db = await getDb();
  await assertDataProtectionOfficer(actor, db);
  const parsed = DecideSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { requestId, decision, reason } = parsed.data;
  const storageKeys: string[] = [];
  const result = await db.transaction(async (tx): Promise<PrivacyResult<{ anonymised: number }>> => {
    const [request] = await tx.select().from(dataProtectionRequests).where(eq(dataProtectionRequests.id, requestId)).for('update');
    if (!request) return { ok: false, fieldErrors: { requestId: ['Pedido não encontrado.'] } };
    if (request.state !== 'pending') return { ok: false, fieldErrors: { requestId: ['Este pedido já foi decidido.'] } };
    const [user] = await tx.select().from(users).where(eq(users.id, request.userId)).for('update');
    if (!user) return { ok: false, fieldErrors: { requestId: ['Pedido não encontrado.'] } };
    let anonymised = 0;
    let running = 0;
    if (decision === 'granted') {
      const owned = await tx.select({ id: demands.id, state: demands.state }).from(demands).where(eq(demands.requesterUserId, user.id));
      const eventReason = `Dados do solicitante anonimizados por decisão do encarregado (LGPD art. 18, IV), pedido de ${dateInSaoPaulo(request.createdAt)}: ${reason}`;
      for (const demand of owned) {
        if (!RETAINED_STATES.includes(demand.state)) {
          running += 1;
          continue;
        }
        const outcome = await anonymiseDemand(tx, demand.id, { reason: eventReason, actorUserId: actor.userId, actorLabel: 'Encarregado de dados', now });
        if (outcome.anonymised) anonymised += 1;
        storageKeys.push(...outcome.storageKeys);
      }
    }
    await tx
      .update(dataProtectionRequests)
      .set({ state: decision, decision: reason, decidedAt: now, decidedByUserId: actor.userId, anonymisedDemands: anonymised })
      .where(eq(dataProtectionRequests.id, request.id));
    await tx.insert(outbox).values({
      channel: 'email',
      template: 'privacy_request_decided',
      recipient: user.email,
      payload: { decision, reason, anonymised, running, accountClosed: decision === 'granted' && request.scope === 'account' },
      idempotencyKey: `privacy_request_decided:${request.id}`,
      nextAttemptAt: now,
      createdAt: now,
    });
    if (decision === 'granted' && request.scope === 'account') {
      // The row stays (events and requests point to it); nothing in it names the person any more.
      await tx
        .update(users)
        .set({
          name: '',
          email: `anonimizado-${user.id}@anonimizado.invalid`,
          emailVerified: null,
          image: null,
          phone: null,
          cpf: null,
          passwordHash: null,
          active: false,
          sessionVersion: sql`${users.sessionVersion} + 1`,
        })
        .where(eq(users.id, user.id));
      await tx.update(demands).set({ requesterUserId: null, updatedAt: now }).where(eq(demands.requesterUserId, user.id));
      await tx.delete(accounts).where(eq(accounts.userId, user.id));
      // The WhatsApp contact with the account's number goes too (its messages and conversation with it),
      // unless it still follows a demand that is running: that one keeps its requester until answered.
      if (user.phone) {
        const stillLinked = tx.select({ contactId: whatsappContactDemands.contactId }).from(whatsappContactDemands);
        await tx.delete(whatsappContacts).where(and(eq(whatsappContacts.phone, user.phone), notInArray(whatsappContacts.id, stillLinked)));
      }
    }
    return { ok: true, value: { anonymised } };
  });
  if (result.ok) await deleteStoredFiles(storageKeys);
  return result;
}
