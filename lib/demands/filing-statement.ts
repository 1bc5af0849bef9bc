import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { executePrepared } from '@/lib/db/prepared';
import { insertSelect } from '@/lib/db/recordset';
import { attachments, demandEvents, demands, intakeSubmissions, outbox, protocolCounters, requesterProfiles, staffAlerts } from '@/lib/db/schema';
import type { NewAttachment, NewDemand, NewDemandEvent, NewIntakeSubmission, NewOutboxMessage, NewStaffAlert } from '@/lib/db/schema';

type NewRequesterProfile = typeof requesterProfiles.$inferInsert;

/** Everything one filing writes, made in the process; only the protocol is left to the database. */
export type Filing = {
  year: number;
  now: Date;
  claim: NewIntakeSubmission | undefined;
  demand: Omit<NewDemand, 'protocol' | 'protocolYear' | 'protocolSequence'> & { id: string };
  event: NewDemandEvent;
  files: NewAttachment[];
  notices: NewOutboxMessage[];
  /** The workspace's "new demand in your queue" alerts (lib/demands/staff-alerts.ts). */
  alerts: NewStaffAlert[];
  /** The optional requester profile, when any question was answered (kept apart from the identity). */
  profile?: NewRequesterProfile;
};

/** Stands for the protocol in an outbox payload until the statement that takes the number replaces it. */
export const PROTOCOL_FROM_STATEMENT = '';

/** Expired submission keys removed by each statement, skipping any another filing is removing. */
const EXPIRED_SUBMISSIONS_PER_STATEMENT = 20;

/** Filings of one process written by one statement at most; more wait for the next one. */
const MAX_FILINGS_PER_STATEMENT = 100;

/**
 * Files the demand and returns its protocol, or nothing when its submission key had already filed one.
 *
 * The year's counter row is the one row every filing queues on, and it stays locked until the commit
 * is on disk: filings one after another cannot go faster than one commit each. So `db` (the process's
 * database, not an open transaction) writes the filings that arrive while its previous statement runs
 * together, in the next statement — one lock, one commit, consecutive numbers. A filing alone goes at
 * once. If a statement of several fails, each of its filings is tried again alone, so that one bad
 * filing fails by itself and the others are filed (a rolled-back statement used no number). Inside an
 * open transaction (an escalation), the filing is written alone, in it.
 */
export function writeFiling(db: Executor, filing: Filing, options: { together: boolean }): Promise<string | undefined> {
  if (!options.together) return writeFilings(db, [filing]).then((protocols) => protocols.get(filing.demand.id));
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], running: false }));
  const entry = new Promise<string | undefined>((resolve, reject) => queue.waiting.push({ filing, resolve, reject }));
  if (!queue.running) void drain(db, queue);
  return entry;
}

type Waiting = { filing: Filing; resolve: (protocol: string | undefined) => void; reject: (error: unknown) => void };
type Queue = { waiting: Waiting[]; running: boolean };
const queues = new WeakMap<Executor, Queue>();

async function drain(db: Executor, queue: Queue): Promise<void> {
  queue.running = true;
  try {
    while (queue.waiting.length) {
      // One statement numbers one year (a batch never straddles New Year's Eve in São Paulo).
      const year = queue.waiting[0]?.filing.year;
      const batch = queue.waiting.filter((entry) => entry.filing.year === year).slice(0, MAX_FILINGS_PER_STATEMENT);
      queue.waiting = queue.waiting.filter((entry) => !batch.includes(entry));
      try {
        const protocols = await writeFilings(db, batch.map((entry) => entry.filing));
        for (const entry of batch) entry.resolve(protocols.get(entry.filing.demand.id));
      } catch (error) {
        if (batch.length === 1) {
          batch[0]?.reject(error);
          continue;
        }
        for (const entry of batch) {
          await writeFilings(db, [entry.filing]).then(
            (protocols) => entry.resolve(protocols.get(entry.filing.demand.id)),
            (alone: unknown) => entry.reject(alone),
          );
        }
      }
    }
  } finally {
    queue.running = false;
  }
}

/**
 * The filings in ONE statement, so the counter row is locked for that statement and its commit, with no
 * client round trip in between. In order, by data flow:
 *
 * 1. claim each form's submission key (`on conflict do nothing`): a second post with a key waits here,
 *    on the key's primary key, until the first commits (then it is left out and finds the first's
 *    demand) or rolls back (then it files in its place);
 * 2. take as many numbers as filings are left, in their order (`format_protocol`,
 *    lib/db/protocol-routines.ts, adds the check digit);
 * 3. write the demands with them, then their first events, the events' attachments, the notices with
 *    the protocol in their payloads, and the workspace alerts.
 *
 * One statement is one transaction by itself: a failure anywhere writes nothing and uses no number.
 * Foreign keys are checked at its end, so a claim may name the demand the same statement writes. Also
 * removes a few expired submission keys, skipping locked ones so that it never waits.
 */
async function writeFilings(db: Executor, filings: readonly Filing[]): Promise<Map<string, string>> {
  const first = filings[0];
  if (!first) return new Map();
  const claims = filings.flatMap((filing) => (filing.claim ? [filing.claim] : []));
  const files = filings.flatMap((filing) => filing.files);
  const notices = filings.flatMap((filing) => filing.notices);
  const alerts = filings.flatMap((filing) => filing.alerts);
  const profiles = filings.flatMap((filing) => (filing.profile ? [filing.profile] : []));
  const order = filings.map((filing, index) => ({ id: filing.demand.id, position: index, keyed: Boolean(filing.claim) }));

  const ctes: SQL[] = [];
  if (claims.length) {
    ctes.push(sql`claim as (${insertSelect(intakeSubmissions, claims)} on conflict do nothing returning demand_id)`);
    ctes.push(sql`pruned as (
      delete from ${intakeSubmissions} where key in (
        select key from ${intakeSubmissions} where expires_at < ${first.now.toISOString()}::timestamptz
        limit ${EXPIRED_SUBMISSIONS_PER_STATEMENT} for update skip locked))`);
  }
  ctes.push(sql`filing as (
    select f.id, row_number() over (order by f.position) as place
    from jsonb_to_recordset(${JSON.stringify(order)}::jsonb) as f(id uuid, position integer, keyed boolean)
    where not f.keyed ${claims.length ? sql`or f.id in (select demand_id from claim)` : sql``})`);
  ctes.push(sql`counter as (
    insert into ${protocolCounters} as c (year, last_sequence)
    select ${first.year}::integer, count(*) from filing having count(*) > 0
    on conflict (year) do update set last_sequence = c.last_sequence + excluded.last_sequence
    returning year, last_sequence)`);
  ctes.push(sql`numbered as (
    select f.id, counter.year, (counter.last_sequence - (select count(*) from filing) + f.place)::integer as sequence
    from filing f, counter)`);
  const demandRows = insertSelect(demands, filings.map((filing) => filing.demand as NewDemand), {
    from: sql`numbered n`,
    where: sql`n.id = r.id`,
    computed: { protocol: sql`format_protocol(n.year, n.sequence)`, protocolYear: sql`n.year`, protocolSequence: sql`n.sequence` },
  });
  ctes.push(sql`demand as (${demandRows} returning id, protocol)`);
  const eventRows = insertSelect(demandEvents, filings.map((filing) => filing.event), { from: sql`demand d`, where: sql`d.id = r.demand_id` });
  ctes.push(sql`event as (${eventRows} returning id, demand_id)`);
  if (files.length) {
    const fileRows = insertSelect(attachments, files, { from: sql`event e`, where: sql`e.demand_id = r.demand_id`, computed: { eventId: sql`e.id` } });
    ctes.push(sql`files as (${fileRows})`);
  }
  if (notices.length) {
    const noticeRows = insertSelect(outbox, notices, {
      from: sql`demand d`,
      where: sql`d.id = r.demand_id`,
      computed: { payload: sql`r.payload || jsonb_build_object('protocol', d.protocol)` },
    });
    ctes.push(sql`notices as (${noticeRows})`);
  }
  if (alerts.length) {
    ctes.push(sql`alerts as (${insertSelect(staffAlerts, alerts, { from: sql`demand d`, where: sql`d.id = r.demand_id` })})`);
  }
  if (profiles.length) {
    ctes.push(sql`profiles as (${insertSelect(requesterProfiles, profiles, { from: sql`demand d`, where: sql`d.id = r.demand_id` })})`);
  }
  // The text is the same for every statement of one shape, so each shape is prepared once per connection.
  const name = `file_demands${claims.length ? '_claimed' : ''}${files.length ? '_files' : ''}${notices.length ? '_notices' : ''}${alerts.length ? '_alerts' : ''}${profiles.length ? '_profiles' : ''}`;
  const rows = await executePrepared<{ id: string; protocol: string }>(db, name, sql`with ${sql.join(ctes, sql`, `)} select id, protocol from demand`);
  return new Map(rows.map((row) => [row.id, row.protocol]));
}
