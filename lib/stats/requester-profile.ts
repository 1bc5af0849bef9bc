import 'server-only';
import { sql } from 'drizzle-orm';
import { getReadDb, type Database } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { PROFILE_QUESTION_NAMES, PROFILE_QUESTIONS, suppressCounts, type ProfileQuestion, type PublishedCount } from '@/lib/domain/privacy';
import type { StatsFilter } from './filters';

/**
 * The optional requester profile in aggregate, for the transparency page and open data: per question,
 * how many demands received in the period gave each answer, and how many did not answer. Counts from 1
 * to 4 are never published (lib/domain/privacy.ts, suppressCounts), and the profile is never joined to
 * anything that names a person: only to demand_facts, for the period and the service.
 */

export const NOT_ANSWERED = 'Não informado';

export type ProfileTable = { question: ProfileQuestion; label: string; rows: { answer: string; published: PublishedCount }[] };

const COLUMNS: Record<ProfileQuestion, string> = { ageRange: 'age_range', gender: 'gender', race: 'race', education: 'education' };

export async function requesterProfileTables(filter: Pick<StatsFilter, 'from' | 'to' | 'service'>, db?: Database): Promise<ProfileTable[]> {
  const database = db ?? (await getReadDb());
  const tables: ProfileTable[] = [];
  for (const question of PROFILE_QUESTION_NAMES) {
    const column = sql.raw(`p.${COLUMNS[question]}`);
    const rows = rowsOf<{ answer: string | null; total: number }>(
      await database.execute(sql`
        select ${column} as answer, count(*)::int as total
        from demand_facts f left join requester_profiles p on p.demand_id = f.demand_id
        where f.received_on between ${filter.from}::date and ${filter.to}::date
          ${filter.service ? sql`and f.service = ${filter.service}` : sql``}
        group by 1`),
    );
    const countOf = (answer: string | null) => Number(rows.find((row) => row.answer === answer)?.total ?? 0);
    const answers: string[] = [...PROFILE_QUESTIONS[question].options];
    const counts = [...answers.map(countOf), rows.filter((row) => row.answer === null || !answers.includes(row.answer)).reduce((sum, row) => sum + Number(row.total), 0)];
    const published = suppressCounts(counts);
    tables.push({
      question,
      label: PROFILE_QUESTIONS[question].label,
      rows: [...answers, NOT_ANSWERED].map((answer, index) => ({ answer, published: published[index] ?? { value: '0', count: 0 } })),
    });
  }
  return tables;
}
