import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/lib/db/client';
import { categories, demandSupportingDepartments, departmentMembers, departments, users } from '@/lib/db/schema';
import { addDays, dateInSaoPaulo, DEADLINE_DAYS, initialDeadlineDays } from '@/lib/domain/deadlines';
import { KIND_LABELS } from '@/lib/domain/labels';
import type { StaffDemandPayload } from '@/lib/domain/notifications';
import { canAssign, isRestrictedToInternalControl } from '@/lib/domain/permissions';
import { OUVIDORIA_KINDS } from '@/lib/domain/vocabulary';
import { AssignSchema, ClassifySchema, ForwardSchema } from '@/lib/domain/workspace-schemas';
import { recordStaffAlerts, staffAlertRows } from './staff-alerts';
import {
  conflict,
  fieldFailure,
  invalid,
  notifyCitizen,
  queueMessages,
  recordEvent,
  runStaffStep,
  updateDemand,
  type StaffActor,
  type UseCaseOptions,
  type UseCaseResult,
} from './workflow';

/** Sets what a demand is (kind) and what it is about (category); the deadline follows the new kind. */
export async function classifyDemand(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = ClassifySchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { demandId, kind, categoryId } = parsed.data;
  return runStaffStep(actor, demandId, 'classify', options, async ({ tx, demand, now, actorLabel }) => {
    if (demand.service === 'balcao' && kind !== 'service_request') return fieldFailure({ kind: ['No Balcão da Cidadania o tipo é sempre “Solicitação de serviço”.'] });
    if (demand.service === 'ouvidoria' && !(OUVIDORIA_KINDS as readonly string[]).includes(kind)) return fieldFailure({ kind: ['Escolha um tipo de manifestação da Ouvidoria.'] });
    if (demand.service === 'balcao' && !categoryId) return fieldFailure({ categoryId: ['Escolha o serviço do catálogo.'] });
    const category = categoryId
      ? (await tx.select().from(categories).where(and(eq(categories.id, categoryId), eq(categories.service, demand.service), eq(categories.active, true))))[0]
      : undefined;
    if (categoryId && !category) return fieldFailure({ categoryId: ['Escolha um assunto da lista.'] });
    if (kind === demand.kind && (categoryId ?? null) === demand.categoryId) return conflict('A classificação escolhida é a mesma de agora.');
    if (kind === 'denunciation' && category && (await heldOutsideInternalControl(tx, demand.departmentNames, category.departmentId))) {
      return fieldFailure({
        categoryId: ['Uma denúncia sobre este assunto é só do Controle Interno, mas a manifestação está com outra secretaria: encaminhe-a ao Controle Interno primeiro.'],
      });
    }

    // Moving between a 30-day manifestação and a 20-day LAI request (or between Balcão services) moves
    // the deadline by the difference, keeping any extension or suspension already counted in it.
    let categoryDeadlineDays: number | null = null;
    if (demand.service === 'balcao' && demand.categoryId) {
      const [current] = await tx.select({ deadlineDays: categories.deadlineDays }).from(categories).where(eq(categories.id, demand.categoryId));
      categoryDeadlineDays = current?.deadlineDays ?? null;
    }
    const before = initialDeadlineDays({ service: demand.service, kind: demand.kind, categoryDeadlineDays: categoryDeadlineDays ?? category?.deadlineDays });
    const after = initialDeadlineDays({ service: demand.service, kind, categoryDeadlineDays: category?.deadlineDays });
    const dueOn = addDays(demand.dueOn, after - before);

    await updateDemand(
      tx,
      demand.id,
      { kind, categoryId: category?.id ?? null, dueOn, ...(demand.service === 'balcao' && category ? { subject: category.name } : {}) },
      now,
    );
    await recordEvent(tx, {
      demandId: demand.id,
      type: 'classified',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: actor?.userId ?? null,
      actorLabel,
      visibility: 'internal',
      body: `Classificada como ${KIND_LABELS[kind]}${category ? `, assunto “${category.name}”` : ''}.`,
      data: { from: { kind: demand.kind, categoryId: demand.categoryId, dueOn: demand.dueOn }, to: { kind, categoryId: category?.id ?? null, dueOn } },
      now,
    });
    return { ok: true };
  });
}

/**
 * Gives the demand to one responsible department and, optionally, others that help. The department set
 * is replaced, so a department taken off stops seeing it. Each department gets an e-mail; the citizen is
 * told where the demand went.
 */
export async function forwardDemand(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = ForwardSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { demandId, departmentId } = parsed.data;
  const supportingIds = [...new Set(parsed.data.supportingDepartmentIds)].filter((id) => id !== departmentId);
  return runStaffStep(actor, demandId, 'forward', options, async ({ tx, demand, next, now, actorLabel, readOnce }) => {
    const chosenIds = [departmentId, ...supportingIds];
    const chosen = await readOnce(`departments:${chosenIds.join()}`, () =>
      tx.select().from(departments).where(and(inArray(departments.id, chosenIds), eq(departments.active, true))),
    );
    const byId = new Map(chosen.map((d) => [d.id, d]));
    const responsible = byId.get(departmentId);
    if (!responsible) return fieldFailure({ departmentId: ['Escolha uma secretaria da lista.'] });
    if (supportingIds.some((id) => !byId.has(id))) return fieldFailure({ supportingDepartmentIds: ['Escolha secretarias da lista.'] });

    const restricted = isRestrictedToInternalControl({
      kind: demand.kind,
      categoryOwnedByInternalControl: demand.categoryOwnedByInternalControl,
      heldByInternalControl: chosen.some((d) => d.isInternalControl),
    });
    if (restricted && chosen.some((d) => !d.isInternalControl)) {
      const message = 'Denúncia contra servidor público vai só ao Controle Interno: não inclua outras secretarias.';
      return fieldFailure(responsible.isInternalControl ? { supportingDepartmentIds: [message] } : { departmentId: [message] });
    }
    if (next === 'previous') throw new Error('A forward never returns to a previous state');

    const today = dateInSaoPaulo(now);
    const departmentDueOn = demand.service === 'ouvidoria' ? addDays(today, DEADLINE_DAYS.department) : demand.dueOn;
    const assignee = demand.assignedUserId;
    const assignedUserId = assignee && (await readOnce(`holds:${assignee}:${chosenIds.join()}`, () => stillHolds(tx, assignee, chosenIds))) ? assignee : null;
    const names = chosenIds.map((id) => byId.get(id)?.name ?? '').filter(Boolean);
    // Sent together, in this order: postgres.js pipelines a transaction's concurrent queries (each Drizzle query
    // is started here with `.execute()`; left as a thenable it would start only when Promise.all reaches it).
    const [, , , eventId] = await Promise.all([
      updateDemand(tx, demand.id, { state: next, departmentId, departmentDueOn, assignedUserId }, now),
      // The department set is replaced: the delete is skipped when the demand had no supporting ones.
      demand.facts.supportingDepartmentIds.length ? tx.delete(demandSupportingDepartments).where(eq(demandSupportingDepartments.demandId, demand.id)).execute() : null,
      supportingIds.length
        ? tx
            .insert(demandSupportingDepartments)
            .values(supportingIds.map((id) => ({ demandId: demand.id, departmentId: id, forwardedAt: now })))
            .execute()
        : null,
      recordEvent(tx, {
        demandId: demand.id,
        type: 'forwarded',
        stateBefore: demand.state,
        stateAfter: next,
        actorUserId: actor?.userId ?? null,
        actorLabel,
        visibility: 'public',
        body: `Encaminhada a: ${names.join('; ')}.`,
        data: { departmentId, supportingDepartmentIds: supportingIds, departmentDueOn },
        now,
      }),
    ]);
    // The notices need the event's id, and nothing of each other: sent together too.
    await Promise.all([
      notifyCitizen(tx, demand, 'demand_forwarded', { departmentName: names.join('; '), dueOn: demand.dueOn }, eventId, now),
      // The staff e-mail never carries the requester: a protected identity must not travel in it.
      queueMessages(
        tx,
        chosen
          .filter((d) => d.email)
          .map((d) => ({
            demandId: demand.id,
            channel: 'email' as const,
            template: 'staff_new_demand',
            recipient: d.email ?? '',
            // Everything the staff template renders: a payload short of it is refused by the sender, never sent.
            payload: {
              protocol: demand.protocol,
              service: demand.service,
              kind: demand.kind,
              subject: demand.subject,
              state: next,
              dueOn: departmentDueOn,
              departmentName: d.name,
            } satisfies StaffDemandPayload,
            idempotencyKey: `staff_new_demand:${eventId}:${d.id}`,
            nextAttemptAt: now,
            createdAt: now,
          })),
      ),
      recordStaffAlerts(tx, staffAlertRows(demand.id, 'forwarded', chosen.map((d) => ({ departmentId: d.id })), String(eventId), now)),
    ]);
    return { ok: true };
  });
}

/** Would this subject make the demand the Controle Interno's while another secretaria still holds it? */
async function heldOutsideInternalControl(tx: Transaction, held: Map<string, string>, categoryDepartmentId: string): Promise<boolean> {
  const ids = [categoryDepartmentId, ...held.keys()];
  const rows = await tx.select({ id: departments.id, isInternalControl: departments.isInternalControl }).from(departments).where(inArray(departments.id, ids));
  const categoryOwner = rows.find((d) => d.id === categoryDepartmentId);
  return Boolean(categoryOwner?.isInternalControl) && rows.some((d) => held.has(d.id) && !d.isInternalControl);
}

/** An assignee keeps the demand across a re-forward only if they belong to a department that still holds it. */
async function stillHolds(tx: Transaction, userId: string, departmentIds: string[]): Promise<boolean> {
  const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (!user) return false;
  if (user.role !== 'department' && user.role !== 'internal_control') return true;
  const [membership] = await tx
    .select({ departmentId: departmentMembers.departmentId })
    .from(departmentMembers)
    .where(and(eq(departmentMembers.userId, userId), inArray(departmentMembers.departmentId, departmentIds)));
  return Boolean(membership);
}

/** Gives the demand to one person who works it; they see it in "Atribuídas a mim". */
export async function assignDemand(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = AssignSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { demandId, assigneeId } = parsed.data;
  return runStaffStep(actor, demandId, 'assign', options, async ({ tx, demand, now, actorLabel, readOnce }) => {
    if (!actor) throw new Error('runStaffStep checks the actor');
    const { assignee, memberships } = await readOnce(`assignee:${assigneeId}`, async () => {
      const [user] = await tx.select().from(users).where(and(eq(users.id, assigneeId), eq(users.active, true)));
      const departmentIds = user
        ? await tx.select({ departmentId: departmentMembers.departmentId }).from(departmentMembers).where(eq(departmentMembers.userId, user.id))
        : [];
      return { assignee: user, memberships: departmentIds };
    });
    const assigneeActor = assignee ? { userId: assignee.id, role: assignee.role, departmentIds: memberships.map((m) => m.departmentId) } : null;
    if (!assignee || !assigneeActor || !canAssign(actor, assigneeActor, demand.facts)) {
      return fieldFailure({ assigneeId: ['Escolha uma pessoa que atende esta manifestação.'] });
    }
    if (demand.assignedUserId === assignee.id) return conflict(`A manifestação já está com ${assignee.name}.`);
    // Sent together, in this order: postgres.js pipelines a transaction's concurrent queries.
    await Promise.all([
      updateDemand(tx, demand.id, { assignedUserId: assignee.id }, now),
      recordEvent(tx, {
        demandId: demand.id,
        type: 'assigned',
        stateBefore: demand.state,
        stateAfter: demand.state,
        actorUserId: actor.userId,
        actorLabel,
        visibility: 'internal',
        body: `Atribuída a ${assignee.name}.`,
        data: { assigneeId: assignee.id, previousAssigneeId: demand.assignedUserId },
        now,
      }),
      assignee.id !== actor.userId ? recordStaffAlerts(tx, staffAlertRows(demand.id, 'assigned', [{ userId: assignee.id }], `${assignee.id}:${now.getTime()}`, now)) : null,
    ]);
    return { ok: true };
  });
}
