import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { getDb, getReadDb, postgresDatabase } from '@/lib/db/client';
import { fileDemand } from '@/lib/demands/intake';
import { ALL_DEPARTMENTS, type StatsQuery } from '@/lib/stats/filters';
import { summarize } from '@/lib/stats/indicators';
import { openDataPage } from '@/lib/stats/open-data';
import { ouvidoriaInput } from '../factories';
import { withDatabase } from '../setup/global-database';

/**
 * DATABASE_REPLICA_URL sends statistics and open data to a read replica. Here the "replica" is a second
 * database holding different demands than the primary, so where each figure came from shows in the figure.
 */
const config = inject('testDatabase');
const NOW = new Date('2026-06-15T15:00:00Z');
const JUNE: StatsQuery = { filter: { from: '2026-06-01', to: '2026-06-30' }, scope: ALL_DEPARTMENTS };

afterEach(() => {
  delete process.env.DATABASE_REPLICA_URL;
});

describe.skipIf(config.kind !== 'postgres')('with DATABASE_REPLICA_URL on PostgreSQL', () => {
  const admin = config.kind === 'postgres' ? postgres(config.url, { max: 1, onnotice: () => {} }) : undefined;
  const name = `ouvidoria_replica_${randomUUID().replaceAll('-', '')}`;
  afterAll(async () => {
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  it('statistics and open data come from the replica, while intake still writes to the primary', async () => {
    if (config.kind !== 'postgres' || !admin) return;
    await admin.unsafe(`create database ${name} template ${config.template}`);
    const replicaUrl = withDatabase(config.url, name);
    const replica = postgresDatabase(replicaUrl, { max: 2 });
    try {
      for (let i = 0; i < 3; i++) await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: NOW });
      await fileDemand(ouvidoriaInput(), { channel: 'phone' }, { now: NOW, db: replica.database });

      expect((await summarize(JUNE)).received).toBe(3);
      expect((await openDataPage({ limit: 10 })).rows.map((row) => row.canal)).toEqual(['web', 'web', 'web']);

      process.env.DATABASE_REPLICA_URL = replicaUrl;
      expect((await summarize(JUNE)).received).toBe(1);
      expect((await openDataPage({ limit: 10 })).rows.map((row) => row.canal)).toEqual(['phone']);

      await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: NOW });
      expect((await summarize(JUNE, await getDb())).received).toBe(4);
      expect((await summarize(JUNE)).received).toBe(1);
    } finally {
      await replica.close();
    }
  });
});

describe.skipIf(config.kind !== 'pglite')('with DATABASE_REPLICA_URL on the embedded database', () => {
  it('is ignored: one process, one database, nothing to replicate', async () => {
    await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: NOW });
    process.env.DATABASE_REPLICA_URL = 'postgres://nobody@127.0.0.1:1/none';
    expect(await getReadDb()).toBe(await getDb());
    expect((await summarize(JUNE)).received).toBe(1);
  });
});

