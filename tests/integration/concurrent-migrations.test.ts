import { randomUUID } from 'node:crypto';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { postgresDatabase } from '@/lib/db/client';
import { migrationsFolder } from '@/lib/db/config';
import { migrateDatabase } from '@/lib/db/migrate';
import { withDatabase } from '../setup/global-database';

/**
 * Several instances of a new release start at once against one PostgreSQL (compose's replicas, a rolling
 * upgrade): each runs the migrator before it serves. On an empty database they all race to create the
 * same schema. The embedded database needs no such test: one process holds its folder (embedded-lock).
 */
const config = inject('testDatabase');
const INSTANCES = 5;

describe.skipIf(config.kind !== 'postgres')('migrations started by several instances at once', () => {
  const admin = config.kind === 'postgres' ? postgres(config.url, { max: 1, onnotice: () => {} }) : undefined;
  const name = `ouvidoria_migrate_${randomUUID().replaceAll('-', '')}`;
  afterAll(async () => {
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  it('all succeed on a fresh database, and each migration is applied once', async () => {
    if (config.kind !== 'postgres' || !admin) return;
    await admin.unsafe(`create database ${name}`);
    const url = withDatabase(config.url, name);
    // One connection pool per instance, as separate processes would have.
    const instances = Array.from({ length: INSTANCES }, () => postgresDatabase(url, { max: 2 }));
    try {
      const outcomes = await Promise.allSettled(instances.map(({ database }) => migrateDatabase(database)));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    } finally {
      await Promise.all(instances.map(({ close }) => close()));
    }

    const check = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const applied = await check<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations order by created_at`;
      const expected = readMigrationFiles({ migrationsFolder: migrationsFolder() }).map((migration) => migration.hash);
      expect(applied.map((row) => row.hash)).toEqual(expected);
      // The schema is there and usable: the intake's counter table and the statistics triggers.
      const [tables] = await check<{ count: number }[]>`select count(*)::int as count from information_schema.tables where table_schema = 'public'`;
      expect(tables?.count).toBeGreaterThan(10);
      const [triggers] = await check<{ count: number }[]>`select count(*)::int as count from pg_trigger where tgname like 'demand_facts%'`;
      expect(triggers?.count).toBeGreaterThan(0);
    } finally {
      await check.end();
    }
  }, 120_000);
});
