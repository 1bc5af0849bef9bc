import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { seedLargeDataset } from '@/lib/db/seed-large';
import { formatCpf } from '@/lib/domain/cpf';
import { formatMobilePhone } from '@/lib/domain/phone';
import { loadAnnualReport, saveAnnualReport } from '@/lib/stats/annual-report';
import { annualReportPdf } from '@/lib/stats/annual-report-pdf';
import { OPEN_DATA_COLUMNS, openDataPage, openDataStream, type OpenDataRow } from '@/lib/stats/open-data';
import { refreshStatsRollups } from '@/lib/stats/rollup';

const NOW = new Date('2026-03-10T15:00:00Z');

type Personal = {
  requester_name: string | null;
  requester_email: string | null;
  requester_phone: string | null;
  requester_cpf: string | null;
  address_line: string | null;
  subject: string;
  description: string;
};

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

let personal: Personal[];
let comments: string[];
let eventBodies: string[];

beforeAll(async () => {
  const db = await getDb();
  await seedLargeDataset(db, { demands: 1200, years: 2, now: NOW, randomSeed: 0.7 });
  await refreshStatsRollups({ all: true, now: NOW });
  personal = rowsOf<Personal>(
    await db.execute(sql`select requester_name, requester_email, requester_phone, requester_cpf, address_line, subject, description from demands`),
  );
  comments = rowsOf<{ comment: string }>(await db.execute(sql`select comment from satisfaction_ratings where comment is not null`)).map((r) => r.comment);
  eventBodies = rowsOf<{ body: string }>(await db.execute(sql`select distinct body from demand_events where body <> ''`)).map((r) => r.body);
}, 120_000);

describe('open data', () => {
  it('is built from a dataset that does hold names, e-mails, phones, CPFs, addresses and free text', () => {
    expect(personal.filter((p) => p.requester_name).length).toBeGreaterThan(100);
    expect(personal.filter((p) => p.requester_email).length).toBeGreaterThan(100);
    expect(personal.filter((p) => p.requester_phone).length).toBeGreaterThan(100);
    expect(personal.filter((p) => p.requester_cpf).length).toBeGreaterThan(100);
    expect(personal.filter((p) => p.address_line).length).toBeGreaterThan(100);
    expect(personal.filter((p) => p.description.startsWith('Meu nome é')).length).toBeGreaterThan(10);
    expect(comments.length).toBeGreaterThan(5);
  });

  it('publishes every demand with exactly the documented columns, and no name, e-mail, phone, CPF, address or free text', async () => {
    const json = JSON.parse(await readAll(openDataStream('json'))) as OpenDataRow[];
    const csv = await readAll(openDataStream('csv'));
    expect(json).toHaveLength(personal.length);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(personal.length + 1);
    for (const row of json) expect(Object.keys(row)).toEqual(OPEN_DATA_COLUMNS.map((c) => c.name));
    // Response.text() drops the byte order mark the file starts with.
    expect(csv.slice(0, csv.indexOf('\r\n')).replace(/^\uFEFF/, '').split(';')).toEqual(OPEN_DATA_COLUMNS.map((c) => c.name));

    const values = new Set(json.flatMap((row) => Object.values(row).filter((v): v is string => typeof v === 'string')));
    const forbidden = new Set<string>();
    for (const p of personal) {
      for (const value of [p.requester_name, p.requester_email, p.requester_phone, p.address_line, p.description]) if (value) forbidden.add(value);
      if (p.requester_phone) forbidden.add(formatMobilePhone(p.requester_phone));
      if (p.requester_cpf) [p.requester_cpf, formatCpf(p.requester_cpf)].forEach((v) => forbidden.add(v));
    }
    for (const text of [...comments, ...eventBodies]) forbidden.add(text);
    // Ouvidoria subjects are typed by the citizen: none may appear, whatever catalogue name they resemble.
    for (const p of personal) if (!values.has(p.subject)) forbidden.add(p.subject);
    const leaks = [...forbidden].filter((text) => values.has(text) || csv.includes(text));
    expect(leaks).toEqual([]);
    // Nothing shaped like an e-mail, a CPF or a phone number anywhere in the file.
    expect(csv).not.toMatch(/@|\d{3}\.\d{3}\.\d{3}-\d{2}|\b\d{11}\b|\+55\d{10,11}|\(\d{2}\) 9\d{4}-\d{4}/);
  });

  it('pages in protocol order and by year without losing or repeating a demand', async () => {
    const seen: string[] = [];
    let cursor;
    do {
      const page = await openDataPage({ after: cursor, limit: 100, year: 2025 });
      seen.push(...page.rows.map((r) => r.protocolo));
      cursor = page.next;
    } while (cursor);
    const expected = rowsOf<{ protocol: string }>(await (await getDb()).execute(sql`select protocol from demands where protocol_year = 2025 order by protocol_sequence`));
    expect(seen).toEqual(expected.map((r) => r.protocol));
  });
});

describe('annual report', () => {
  it('keeps the staff-written sections beside computed figures and renders a PDF', async () => {
    const [user] = rowsOf<{ id: string }>(
      await (await getDb()).execute(sql`insert into users (email, name, role) values ('ouvidora@exemplo.gov.br', 'Ouvidora', 'ombudsman') returning id`),
    );
    const sections = {
      presentation: 'A Ouvidoria recebeu as manifestações por sete canais.',
      reasonsAnalysis: 'Buracos e iluminação lideram os pedidos.',
      recurringAnalysis: 'Centro e Lavapés concentram os pedidos de tapa-buraco.',
      measuresTaken: 'Mutirão de recapeamento no segundo semestre.',
    };
    await saveAnnualReport({ year: 2025, sections, userId: user?.id ?? '' });
    const report = await loadAnnualReport(2025, { now: NOW });
    expect(report.sections).toEqual(sections);
    expect(report.partial).toBe(false);
    const received = report.tables.indicadores?.rows[0]?.[1]?.value;
    const [expected] = rowsOf<{ n: number }>(
      await (await getDb()).execute(sql`select count(*)::int as n from demands where protocol_year = 2025`),
    );
    expect(received).toBe(expected?.n);
    const pdf = await annualReportPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
  });
});
