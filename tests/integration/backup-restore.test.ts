import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { closeDb, getDb, postgresDatabase, setDatabase, type Database } from '@/lib/db/client';
import { BackupError, backupDatabase, restoreDatabase, type BackupTarget } from '@/lib/db/backup';
import { EmbeddedDatabaseBusyError, openEmbeddedDatabase } from '@/lib/db/embedded';
import * as schema from '@/lib/db/schema';
import { attachments, demandEvents, demands, protocolCounters } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { parseProtocol } from '@/lib/domain/protocol';
import { createLocalFileStore } from '@/lib/storage/local';
import { balcaoInput, ouvidoriaInput } from '../factories';
import { withDatabase } from '../setup/global-database';
import { fileOf, pdfDocument, pngImage } from '../support/files';

/**
 * `npm run db:backup` / `npm run db:restore` on the database this suite runs on (PGlite folder or
 * PostgreSQL): demands, their events, their attachments with the files' bytes and the protocol counters
 * come back as they were, and the next demand filed after the restore takes the next protocol, no gap.
 */

const config = inject('testDatabase');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-backup-test-'));
const savedDataDir = process.env.DATA_DIR;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(temp, { recursive: true, force: true });
});

async function snapshot(dataDir: string) {
  const db = await getDb();
  const demandRows = await db.select({ id: demands.id, protocol: demands.protocol, subject: demands.subject, state: demands.state }).from(demands).orderBy(asc(demands.protocol));
  const eventRows = await db.select({ demandId: demandEvents.demandId, type: demandEvents.type, body: demandEvents.body }).from(demandEvents).orderBy(asc(demandEvents.id));
  const attachmentRows = await db.select().from(attachments).orderBy(asc(attachments.storageKey));
  const counters = await db.select().from(protocolCounters).orderBy(asc(protocolCounters.year));
  const store = createLocalFileStore(path.join(dataDir, 'files'));
  const bytes = await Promise.all(attachmentRows.map(async (row) => Buffer.from(await new Response(await store.read(row.storageKey)).arrayBuffer()).toString('base64')));
  return { demandRows, eventRows, attachmentRows, counters, bytes };
}

async function fileSomeDemands() {
  const photo = await pngImage();
  const withFiles = await fileDemand(await balcaoInput(), { channel: 'web' }, { files: [fileOf('rua.png', photo), fileOf('oficio.pdf', pdfDocument())] });
  const plain = await fileDemand(ouvidoriaInput({ subject: 'Antes do backup' }), { channel: 'web' });
  if (!withFiles.ok || !plain.ok) throw new Error('intake failed');
  return plain.demand.protocol;
}

async function expectNextProtocolAfter(lastProtocol: string) {
  const next = await fileDemand(ouvidoriaInput({ subject: 'Depois da restauração' }), { channel: 'web' });
  if (!next.ok) throw new Error(JSON.stringify(next.fieldErrors));
  const [before, after] = [parseProtocol(lastProtocol), parseProtocol(next.demand.protocol)];
  if (!before.ok || !after.ok) throw new Error('protocols must parse');
  expect(after.year).toBe(before.year);
  expect(after.sequence).toBe(before.sequence + 1);
}

describe.runIf(config.kind === 'pglite')('backup and restore of the embedded database', () => {
  // Dumping and loading a PGlite folder three times takes tens of seconds on a busy small machine.
  it('round-trips demands, events, files and counters, refuses while the app holds the folder, and files the next protocol', { timeout: 180_000 }, async () => {
    if (config.kind !== 'pglite') return;
    const source: BackupTarget = { dataDir: path.join(temp, 'origem'), localFiles: true };
    const restored: BackupTarget = { dataDir: path.join(temp, 'restaurado'), localFiles: true };
    const archive = path.join(temp, 'backup.tar');

    // "The app": the embedded folder opened (and locked) as the app opens it, with demands and files in it.
    process.env.DATA_DIR = source.dataDir;
    const app = await openEmbeddedDatabase(path.join(source.dataDir, 'pglite'), { loadDataDir: new Blob([fs.readFileSync(config.file)]) });
    setDatabase(drizzle(app.client, { schema }) as unknown as Database, app.release);
    const lastProtocol = await fileSomeDemands();
    const before = await snapshot(source.dataDir);
    expect(before.attachmentRows).toHaveLength(2);

    await expect(backupDatabase(source, archive)).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
    await closeDb();
    const manifest = await backupDatabase(source, archive);
    expect(manifest).toMatchObject({ database: 'pglite', files: 'local', fileCount: 2 });

    const outcome = await restoreDatabase(restored, archive);
    expect(outcome.movedAside).toEqual([]);
    process.env.DATA_DIR = restored.dataDir;
    const reopened = await openEmbeddedDatabase(path.join(restored.dataDir, 'pglite'));
    setDatabase(drizzle(reopened.client, { schema }) as unknown as Database, reopened.release);
    expect(await snapshot(restored.dataDir)).toEqual(before);
    await expectNextProtocolAfter(lastProtocol);

    // A restore over data needs --force while the app is stopped, and keeps the replaced data aside.
    await expect(restoreDatabase(restored, archive)).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
    await closeDb();
    await expect(restoreDatabase(restored, archive)).rejects.toBeInstanceOf(BackupError);
    const forced = await restoreDatabase(restored, archive, { force: true });
    expect(forced.movedAside).toHaveLength(2);
    const again = await openEmbeddedDatabase(path.join(restored.dataDir, 'pglite'));
    setDatabase(drizzle(again.client, { schema }) as unknown as Database, again.release);
    expect(await snapshot(restored.dataDir)).toEqual(before);
  });
});

describe.runIf(config.kind === 'postgres')('backup and restore of a PostgreSQL database', () => {
  it('round-trips demands, events, files and counters with pg_dump / pg_restore, and files the next protocol', { timeout: 120_000 }, async () => {
    if (config.kind !== 'postgres') return;
    const sourceUrl = process.env.TEST_DATABASE_URL;
    if (!sourceUrl) throw new Error('the test database URL is not set');
    const source: BackupTarget = { databaseUrl: sourceUrl, dataDir: path.join(temp, 'origem'), localFiles: true };
    process.env.DATA_DIR = source.dataDir;
    const lastProtocol = await fileSomeDemands();
    const before = await snapshot(source.dataDir);
    expect(before.attachmentRows).toHaveLength(2);

    const archive = path.join(temp, 'backup.tar');
    expect(await backupDatabase(source, archive)).toMatchObject({ database: 'postgresql', files: 'local', fileCount: 2 });

    const name = `ouvidoria_restore_${randomUUID().replaceAll('-', '')}`;
    const admin = postgres(config.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    cleanups.push(async () => {
      await closeDb();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const restored: BackupTarget = { databaseUrl: withDatabase(config.url, name), dataDir: path.join(temp, 'restaurado'), localFiles: true };
    await restoreDatabase(restored, archive);

    await closeDb();
    const { database, close } = postgresDatabase(restored.databaseUrl ?? '', { max: 5 });
    setDatabase(database, close);
    process.env.DATA_DIR = restored.dataDir;
    expect(await snapshot(restored.dataDir)).toEqual(before);
    await expectNextProtocolAfter(lastProtocol);

    await expect(restoreDatabase(restored, archive)).rejects.toBeInstanceOf(BackupError);
    await restoreDatabase(restored, archive, { force: true });
    expect(await snapshot(restored.dataDir)).toEqual(before);
    const [counter] = await (await getDb()).select().from(protocolCounters).where(eq(protocolCounters.year, before.counters[0]?.year ?? 0));
    expect(counter).toEqual(before.counters[0]);
  });
});
