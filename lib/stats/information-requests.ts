import 'server-only';
import { sql } from 'drizzle-orm';
import { getReadDb, type Database } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { DENIAL_GROUNDS, type DenialGround } from '@/lib/domain/information-requests';
import { csvDocument } from './csv';

/**
 * The access-to-information report a município publishes each year (Lei 12.527 art. 30 III; Decreto
 * 7.724 art. 45): requests received, granted, partly granted, denied (by ground), not held, still
 * unanswered; appeals by instance and their outcomes; omission complaints; the median days to answer.
 * Counts only: nothing about who asked.
 */

export type InformationAppealCounts = {
  filed: number;
  granted: number;
  denied: number;
  pending: number;
};

export type InformationRequestYear = {
  year: number;
  received: number;
  granted: number;
  partlyGranted: number;
  denied: number;
  deniedByGround: Record<DenialGround, number>;
  notHeld: number;
  /** Not answered yet, or archived without an answer. */
  unanswered: number;
  extended: number;
  /** Median calendar days from receipt to answer (São Paulo dates); null without answers. */
  medianDaysToAnswer: number | null;
  appeals: { 1: InformationAppealCounts; 2: InformationAppealCounts };
  omissionComplaints: InformationAppealCounts;
};

const emptyCounts = (): InformationAppealCounts => ({
  filed: 0,
  granted: 0,
  denied: 0,
  pending: 0,
});

type RequestRow = {
  year: number;
  received: number;
  granted: number;
  partly_granted: number;
  denied: number;
  not_held: number;
  extended: number;
  median_days: string | number | null;
} & Record<`ground_${DenialGround}`, number>;

type AppealRow = {
  year: number;
  kind: 'appeal' | 'omission_complaint';
  instance: number;
  filed: number;
  granted: number;
  denied: number;
};

/** One row per year from `fromYear` to `toYear` (the year of the protocol, i.e. of receipt; appeals by the year filed). */
export async function informationRequestYears(range: { fromYear: number; toYear: number }, db?: Database): Promise<InformationRequestYear[]> {
  const executor = db ?? (await getReadDb());
  const grounds = DENIAL_GROUNDS.map((ground) => sql`, count(*) filter (where denial_ground = ${ground})::int as ${sql.identifier(`ground_${ground}`)}`);
  const [requests, appeals] = await Promise.all([
    executor.execute(sql`
      select protocol_year as year, count(*)::int as received,
        count(*) filter (where information_outcome = 'granted')::int as granted,
        count(*) filter (where information_outcome = 'partly_granted')::int as partly_granted,
        count(*) filter (where information_outcome = 'denied')::int as denied,
        count(*) filter (where information_outcome = 'not_held')::int as not_held,
        count(*) filter (where extension_used)::int as extended
        ${sql.join(grounds, sql``)},
        percentile_cont(0.5) within group (order by
          (answered_at at time zone 'America/Sao_Paulo')::date - (created_at at time zone 'America/Sao_Paulo')::date
        ) filter (where answered_at is not null and information_outcome is not null) as median_days
      from demands
      where kind = 'information' and protocol_year between ${range.fromYear} and ${range.toYear}
      group by protocol_year`),
    executor.execute(sql`
      select extract(year from filed_at at time zone 'America/Sao_Paulo')::int as year, kind::text as kind, instance::int as instance,
        count(*)::int as filed,
        count(*) filter (where decision = 'granted')::int as granted,
        count(*) filter (where decision = 'denied')::int as denied
      from information_appeals
      where filed_at >= make_timestamptz(${range.fromYear}, 1, 1, 0, 0, 0, 'America/Sao_Paulo')
        and filed_at < make_timestamptz(${range.toYear + 1}, 1, 1, 0, 0, 0, 'America/Sao_Paulo')
      group by 1, 2, 3`),
  ]);
  const byYear = new Map(rowsOf<RequestRow>(requests).map((row) => [Number(row.year), row]));
  const appealRows = rowsOf<AppealRow>(appeals);
  const years: InformationRequestYear[] = [];
  for (let year = range.toYear; year >= range.fromYear; year--) {
    const row = byYear.get(year);
    const counts = (kind: AppealRow['kind'], instance: number): InformationAppealCounts => {
      const found = appealRows.find((a) => Number(a.year) === year && a.kind === kind && Number(a.instance) === instance);
      if (!found) return emptyCounts();
      const filed = Number(found.filed);
      const granted = Number(found.granted);
      const denied = Number(found.denied);
      return { filed, granted, denied, pending: filed - granted - denied };
    };
    const received = Number(row?.received ?? 0);
    const answered = ['granted', 'partly_granted', 'denied', 'not_held'] as const;
    const answeredTotal = answered.reduce((sum, key) => sum + Number(row?.[key] ?? 0), 0);
    years.push({
      year,
      received,
      granted: Number(row?.granted ?? 0),
      partlyGranted: Number(row?.partly_granted ?? 0),
      denied: Number(row?.denied ?? 0),
      deniedByGround: Object.fromEntries(DENIAL_GROUNDS.map((ground) => [ground, Number(row?.[`ground_${ground}`] ?? 0)])) as Record<DenialGround, number>,
      notHeld: Number(row?.not_held ?? 0),
      unanswered: received - answeredTotal,
      extended: Number(row?.extended ?? 0),
      medianDaysToAnswer: row?.median_days === null || row?.median_days === undefined ? null : Number(row.median_days),
      appeals: { 1: counts('appeal', 1), 2: counts('appeal', 2) },
      omissionComplaints: counts('omission_complaint', 1),
    });
  }
  return years;
}

/** The same figures as flat rows, for the open data (CSV and JSON). */
export function informationRequestRecords(years: readonly InformationRequestYear[]): Record<string, number | null>[] {
  return years.map((y) => ({
    ano: y.year,
    pedidos_recebidos: y.received,
    acesso_concedido: y.granted,
    acesso_parcialmente_concedido: y.partlyGranted,
    acesso_negado: y.denied,
    ...Object.fromEntries(DENIAL_GROUNDS.map((ground) => [`negado_${ground}`, y.deniedByGround[ground]])),
    informacao_nao_mantida: y.notHeld,
    sem_resposta: y.unanswered,
    prazo_prorrogado: y.extended,
    mediana_dias_ate_resposta: y.medianDaysToAnswer,
    recursos_1a_instancia: y.appeals[1].filed,
    recursos_1a_providos: y.appeals[1].granted,
    recursos_1a_nao_providos: y.appeals[1].denied,
    recursos_1a_pendentes: y.appeals[1].pending,
    recursos_2a_instancia: y.appeals[2].filed,
    recursos_2a_providos: y.appeals[2].granted,
    recursos_2a_nao_providos: y.appeals[2].denied,
    recursos_2a_pendentes: y.appeals[2].pending,
    reclamacoes_omissao: y.omissionComplaints.filed,
    reclamacoes_omissao_acolhidas: y.omissionComplaints.granted,
    reclamacoes_omissao_nao_acolhidas: y.omissionComplaints.denied,
    reclamacoes_omissao_pendentes: y.omissionComplaints.pending,
  }));
}

/** The yearly LAI report as a download: every year since the first protocol, newest first. */
export async function informationRequestsResponse(format: 'csv' | 'json', now = new Date()): Promise<Response> {
  const toYear = Number(dateInSaoPaulo(now).slice(0, 4));
  const executor = await getReadDb();
  const [first] = rowsOf<{ year: number | null }>(await executor.execute(sql`select min(year)::int as year from protocol_counters`));
  const fromYear = Math.min(toYear, Number(first?.year ?? toYear));
  const records = informationRequestRecords(await informationRequestYears({ fromYear, toYear }, executor));
  const header = Object.keys(informationRequestRecords([emptyYear(toYear)])[0] ?? {});
  const body =
    format === 'csv'
      ? csvDocument(
          header,
          records.map((r) => header.map((key) => r[key])),
        )
      : `${JSON.stringify(records, null, 1)}\n`;
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="pedidos-de-informacao.${format}"`,
      'Cache-Control': 'public, max-age=300',
    },
  });
}

function emptyYear(year: number): InformationRequestYear {
  return {
    year,
    received: 0,
    granted: 0,
    partlyGranted: 0,
    denied: 0,
    deniedByGround: Object.fromEntries(DENIAL_GROUNDS.map((ground) => [ground, 0])) as Record<DenialGround, number>,
    notHeld: 0,
    unanswered: 0,
    extended: 0,
    medianDaysToAnswer: null,
    appeals: { 1: emptyCounts(), 2: emptyCounts() },
    omissionComplaints: emptyCounts(),
  };
}
