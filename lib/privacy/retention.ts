import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, isNotNull } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { demands, retentionRuns } from '@/lib/db/schema';
import { parseRetentionRule, RETAINED_STATES, retentionCutoff, type RetentionRule } from '@/lib/domain/privacy';
import { DEMAND_KINDS, type DemandKind, type DemandState } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { anonymiseDemand, deleteStoredFiles } from './anonymise';

/**
 * The retention rule (LGPD art. 15 I and art. 16): a finished demand's requester data are anonymised once
 * its kind's period after closing has passed. The period per kind is the municipality's
 * (`privacy.retentionDays` in lib/municipality.ts) unless `RETENTION_DAYS` says otherwise. Every run,
 * dry or real, is a row of retention_runs with the rule and the counts. A real run is refused until a dry
 * run has listed what the rule reaches, so nobody anonymises by surprise on the first start.
 */

type Env = Partial<Record<string, string>>;

export function retentionRuleFromEnv(env: Env = process.env): RetentionRule {
  return parseRetentionRule(env.RETENTION_DAYS, municipality.privacy.retentionDays);
}

export type RetentionTrigger = 'worker' | 'command' | 'admin';
export type RetainedDemand = { id: string; protocol: string; kind: DemandKind; state: DemandState; closedAt: Date | null };

/** The reason written on each demand the rule anonymises. */
export function retentionReason(days: number): string {
  return `Anonimização automática: prazo de guarda dos dados do solicitante (${days} dias após a conclusão) encerrado, conforme a regra de retenção do Município (LGPD art. 16).`;
}

const hasRequesterData = or(
  isNotNull(demands.requesterUserId),
  isNotNull(demands.requesterName),
  isNotNull(demands.requesterEmail),
  isNotNull(demands.requesterPhone),
  isNotNull(demands.requesterCpf),
  isNotNull(demands.accessCodeHash),
);

/** The finished demands the rule reaches at `now`, oldest closing first. */
export async function selectPastRetention(db: Database, rule: RetentionRule, now: Date, limit = 10_000): Promise<RetainedDemand[]> {
  const perKind = DEMAND_KINDS.flatMap((kind) => {
    const days = rule[kind];
    return days === null ? [] : [and(eq(demands.kind, kind), lt(demands.closedAt, retentionCutoff(days, now)))];
  });
  if (!perKind.length) return [];
  return db
    .select({ id: demands.id, protocol: demands.protocol, kind: demands.kind, state: demands.state, closedAt: demands.closedAt })
    .from(demands)
    .where(and(isNull(demands.anonymisedAt), inArray(demands.state, [...RETAINED_STATES]), or(...perKind), hasRequesterData))
    .orderBy(asc(demands.closedAt), asc(demands.protocol))
    .limit(limit);
}

export class RetentionNotPreviewedError extends Error {
  constructor() {
    super('A regra de retenção nunca foi simulada: rode `npm run retention:dry-run` (ou a simulação na página do encarregado) antes da primeira execução real.');
    this.name = 'RetentionNotPreviewedError';
  }
}

export type RetentionRunResult = { runId: number; dryRun: boolean; rule: RetentionRule; demands: RetainedDemand[]; anonymised: number };

/**
 * Runs the rule once: a dry run lists and changes nothing but its own log row; a real run anonymises
 * each selected demand in its own transaction (re-checked under the demand's lock) and then deletes the
 * removed files' bytes. `limit` bounds one run, so the worker's tick stays short; the next run goes on.
 */
export async function runRetention(input: {
  dryRun: boolean;
  trigger: RetentionTrigger;
  now?: Date;
  db?: Database;
  rule?: RetentionRule;
  limit?: number;
}): Promise<RetentionRunResult> {
  const db = input.db ?? (await getDb());
  const now = input.now ?? new Date();
  const rule = input.rule ?? retentionRuleFromEnv();
  if (!input.dryRun && !(await hasDryRun(db))) throw new RetentionNotPreviewedError();
  const [run] = await db
    .insert(retentionRuns)
    .values({ dryRun: input.dryRun, trigger: input.trigger, rule, selected: 0, startedAt: now })
    .returning({ id: retentionRuns.id });
  if (!run) throw new Error('Insert returned no retention run');
  const selected = await selectPastRetention(db, rule, now, input.limit);
  let anonymised = 0;
  if (!input.dryRun) {
    for (const demand of selected) {
      const days = rule[demand.kind];
      if (days === null) continue;
      const outcome = await db.transaction((tx) =>
        anonymiseDemand(tx, demand.id, { reason: retentionReason(days), actorUserId: null, actorLabel: 'Sistema', now }),
      );
      if (outcome.anonymised) anonymised += 1;
      await deleteStoredFiles(outcome.storageKeys);
    }
  }
  await db.update(retentionRuns).set({ selected: selected.length, anonymised, finishedAt: new Date() }).where(eq(retentionRuns.id, run.id));
  return { runId: run.id, dryRun: input.dryRun, rule, demands: selected, anonymised };
}

async function hasDryRun(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: retentionRuns.id }).from(retentionRuns).where(and(eq(retentionRuns.dryRun, true), isNotNull(retentionRuns.finishedAt))).limit(1);
  return Boolean(row);
}

const DAY_MS = 86_400_000;
const WORKER_BATCH = 500;

/**
 * The worker's scheduled task: one real run a day (the next tick goes on while a run found a full batch),
 * only after a dry run, and off with `RETENTION_WORKER=off`. Returns what it did, for the log.
 */
export async function runScheduledRetention({ now, db, env = process.env }: { now: Date; db?: Database; env?: Env }): Promise<'off' | 'not_previewed' | 'ran_today' | RetentionRunResult> {
  if (env.RETENTION_WORKER === 'off') return 'off';
  const database = db ?? (await getDb());
  if (!(await hasDryRun(database))) return 'not_previewed';
  const [recent] = await database
    .select({ id: retentionRuns.id })
    .from(retentionRuns)
    .where(and(eq(retentionRuns.dryRun, false), eq(retentionRuns.trigger, 'worker'), lt(retentionRuns.selected, WORKER_BATCH), gte(retentionRuns.startedAt, new Date(now.getTime() - DAY_MS))))
    .limit(1);
  if (recent) return 'ran_today';
  return runRetention({ dryRun: false, trigger: 'worker', now, db: database, rule: retentionRuleFromEnv(env), limit: WORKER_BATCH });
}

const PREVIEW_ROWS = 200;

/** What the rule reaches now, for the encarregado's page: the count and the first rows (a dry run's listing). */
export async function previewRetention(rule: RetentionRule, { now = new Date(), db }: { now?: Date; db?: Database } = {}) {
  const database = db ?? (await getDb());
  const demands = await selectPastRetention(database, rule, now);
  return { total: demands.length, demands: demands.slice(0, PREVIEW_ROWS) };
}

/** The latest runs, newest first, for the encarregado's page. */
export async function listRetentionRuns({ limit = 20, db }: { limit?: number; db?: Database } = {}) {
  const database = db ?? (await getDb());
  return database.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt), desc(retentionRuns.id)).limit(limit);
}

