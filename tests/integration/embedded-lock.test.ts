import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabaseBusyError, openEmbeddedDatabase } from '@/lib/db/embedded';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-lock-'));
const folder = path.join(dataDir, 'pglite');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded database folder', () => {
  it('refuses a second process while it is held, and the data stays readable', async () => {
    const held = await openEmbeddedDatabase(folder);
    await held.client.exec(`create table notes (body text); insert into notes values ('ainda aqui')`);

    const { DATABASE_URL: _ignored, ...rest } = process.env;
    const env = { ...rest, DATA_DIR: dataDir };
    const second = await run(path.join('node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'drizzle/migrate.ts'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('está em uso por outro processo');

    await expect(openEmbeddedDatabase(folder)).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
    await held.release();

    const reopened = await openEmbeddedDatabase(folder);
    const { rows } = await reopened.client.query<{ body: string }>('select body from notes');
    expect(rows).toEqual([{ body: 'ainda aqui' }]);
    await reopened.release();
  }, 120_000);

  it('takes over a lock left by a process that died (a killed dev server restarts at once)', async () => {
    const dead = await run('node', ['-e', 'console.log(process.pid)']);
    fs.mkdirSync(`${folder}.lock`);
    fs.writeFileSync(`${folder}.lock.pid`, dead.stdout.trim());
    const reopened = await openEmbeddedDatabase(folder);
    const { rows } = await reopened.client.query<{ body: string }>('select body from notes');
    expect(rows).toEqual([{ body: 'ainda aqui' }]);
    await reopened.release();
  });
});
