import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { getDb, getReadDb } from '@/lib/db/client';
import { annualReports } from '@/lib/db/schema';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import type { AnnualReportSections } from './annual-report-schema';
import { ALL_DEPARTMENTS } from './filters';
import { buildTables, type StatsTable, type TableId } from './tables';

export type AnnualReport = {
  year: number;
  from: string;
  to: string;
  /** The year is still running: the figures are partial. */
  partial: boolean;
  sections: AnnualReportSections;
  updatedAt: Date | null;
  tables: Record<'indicadores' | 'meses' | 'tipos' | 'assuntos' | 'recorrentes' | 'canais' | 'secretarias' | 'ranking-reclamacoes', StatsTable | undefined>;
};

const REPORT_TABLES = ['indicadores', 'meses', 'tipos', 'assuntos', 'recorrentes', 'canais', 'secretarias', 'ranking-reclamacoes'] as const satisfies readonly TableId[];

const EMPTY: AnnualReportSections = { presentation: '', reasonsAnalysis: '', recurringAnalysis: '', measuresTaken: '' };

/**
 * The report of a year: the written sections and every figure, computed now over all departments. The
 * figures come from the reports' database (a replica when there is one); the sections from the primary,
 * because the ombudsman who just saved them reopens this page at once.
 */
export async function loadAnnualReport(year: number, options: { now?: Date; db?: Database } = {}): Promise<AnnualReport> {
  const db = options.db ?? (await getDb());
  const figuresDb = options.db ?? (await getReadDb());
  const now = options.now ?? new Date();
  const today = dateInSaoPaulo(now);
  const partial = Number(today.slice(0, 4)) <= year;
  const from = `${year}-01-01`;
  const to = partial ? today : `${year}-12-31`;
  const [[row], tables] = await Promise.all([
    db.select().from(annualReports).where(eq(annualReports.year, year)),
    buildTables(REPORT_TABLES, { query: { filter: { from, to }, scope: ALL_DEPARTMENTS }, granularity: 'month', linked: false, now, db: figuresDb }),
  ]);
  return {
    year,
    from,
    to,
    partial,
    sections: row ? { presentation: row.presentation, reasonsAnalysis: row.reasonsAnalysis, recurringAnalysis: row.recurringAnalysis, measuresTaken: row.measuresTaken } : EMPTY,
    updatedAt: row?.updatedAt ?? null,
    tables,
  };
}

/** Saves the written sections of a year's report (the caller has checked that the actor may edit it). */
export async function saveAnnualReport(input: { year: number; sections: AnnualReportSections; userId: string; now?: Date }, db?: Database): Promise<void> {
  const executor = db ?? (await getDb());
  const values = { ...input.sections, updatedByUserId: input.userId, updatedAt: input.now ?? new Date() };
  await executor
    .insert(annualReports)
    .values({ year: input.year, ...values })
    .onConflictDoUpdate({ target: annualReports.year, set: values });
}
