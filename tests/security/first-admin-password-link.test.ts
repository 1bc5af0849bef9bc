import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdministrator, passwordSetupLinkIsValid, PASSWORD_SETUP_LINK_TTL_HOURS, setPasswordWithLink } from '@/lib/accounts/password-setup';
import { authenticateWithPassword } from '@/lib/auth/password-sign-in';
import { getDb } from '@/lib/db/client';
import { openEmbeddedDatabase } from '@/lib/db/embedded';
import { passwordSetupTokens, users } from '@/lib/db/schema';

/**
 * A production install had no way to get its first administrator but the demo accounts' published
 * password. `npm run admin:create` makes one with no password and prints a one-time link to set it:
 * only the token's hash is stored, it works once, and it expires.
 */

const run = promisify(execFile);
const APP_URL = 'https://ouvidoria.example.org';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-admin-create-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

type CommandResult = { code: number; stdout: string; stderr: string };

/** The command as an operator runs it: on the test's PostgreSQL database, or on an embedded folder. */
function adminCreate(args: string[]): Promise<CommandResult> {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const database = process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : { DATA_DIR: dataDir };
  return run(path.join('node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'drizzle/admin-create.ts', ...args], {
    env: { ...rest, ...database, APP_URL, NODE_ENV: 'production' },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

function linkIn(output: string): string {
  const link = output.match(/https:\/\/\S+/)?.[0];
  if (!link) throw new Error(`No link in: ${output}`);
  return link;
}

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop() ?? '';

describe('npm run admin:create', () => {
  it('creates an administrator without a password and prints a one-time link on APP_URL; the token is not stored', async () => {
    const result = await adminCreate(['--email', 'Primeira.Admin@Prefeitura.example.org', '--name', 'Primeira Administradora']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const link = linkIn(result.stdout);
    expect(link).toMatch(new RegExp(`^${APP_URL}/definir-senha/[A-Za-z0-9_-]{40,}$`));

    const read = async <T,>(query: (db: Awaited<ReturnType<typeof getDb>>) => Promise<T>): Promise<T> => {
      if (process.env.TEST_DATABASE_URL) return query(await getDb());
      const embedded = await openEmbeddedDatabase(path.join(dataDir, 'pglite'));
      try {
        const { drizzle } = await import('drizzle-orm/pglite');
        const schema = await import('@/lib/db/schema');
        return await query(drizzle(embedded.client, { schema }) as unknown as Awaited<ReturnType<typeof getDb>>);
      } finally {
        await embedded.release();
      }
    };
    const { admin, tokens } = await read(async (db) => ({
      admin: (await db.select().from(users).where(eq(users.email, 'primeira.admin@prefeitura.example.org')))[0],
      tokens: await db.select().from(passwordSetupTokens),
    }));
    expect(admin).toMatchObject({ role: 'admin', active: true, passwordHash: null });
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain(tokenOf(link));
  }, 120_000);

  it('refuses, with what to fix, an e-mail that is not one and a name left out', async () => {
    const result = await adminCreate(['--email', 'não-é-email']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Informe um e-mail válido');
    expect(result.stderr).toContain('--name');
  }, 120_000);

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))('stays behind the embedded database lock while the app holds the folder', async () => {
    const held = await openEmbeddedDatabase(path.join(dataDir, 'pglite'));
    try {
      const result = await adminCreate(['--email', 'outra@prefeitura.example.org', '--name', 'Outra Pessoa']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('está em uso por outro processo');
    } finally {
      await held.release();
    }
  }, 120_000);
});

describe('the password link', () => {
  it('sets the password once; the account signs in with it; the link then stops working', async () => {
    const created = await createAdministrator({ email: 'admin.um@prefeitura.example.org', name: 'Admin Um' });
    if (!created.ok) throw new Error(created.errors.join());
    const token = tokenOf(created.url);
    const signIn = (password: string) => authenticateWithPassword({ email: created.email, password, clientAddress: '198.51.100.7' });
    expect((await signIn('demo12345')).ok).toBe(false);

    const mismatch = await setPasswordWithLink({ token, password: 'uma senha longa', passwordConfirmation: 'outra senha' });
    expect(mismatch).toEqual({ ok: false, fieldErrors: { passwordConfirmation: ['As duas senhas não são iguais.'] } });
    expect(await passwordSetupLinkIsValid(token)).toBe(true);

    expect(await setPasswordWithLink({ token, password: 'uma senha longa', passwordConfirmation: 'uma senha longa' })).toEqual({ ok: true, email: created.email });
    expect((await signIn('uma senha longa')).ok).toBe(true);

    const again = await setPasswordWithLink({ token, password: 'senha do atacante', passwordConfirmation: 'senha do atacante' });
    expect(again.ok).toBe(false);
    expect(await passwordSetupLinkIsValid(token)).toBe(false);
    expect((await signIn('senha do atacante')).ok).toBe(false);
  });

  it(`expires after ${PASSWORD_SETUP_LINK_TTL_HOURS} hours, and a new link replaces the old one`, async () => {
    const issuedAt = new Date('2026-05-04T12:00:00Z');
    const first = await createAdministrator({ email: 'admin.dois@prefeitura.example.org', name: 'Admin Dois' }, issuedAt);
    if (!first.ok) throw new Error(first.errors.join());
    const late = new Date(issuedAt.getTime() + PASSWORD_SETUP_LINK_TTL_HOURS * 3_600_000 + 1_000);
    expect(await passwordSetupLinkIsValid(tokenOf(first.url), late)).toBe(false);
    expect((await setPasswordWithLink({ token: tokenOf(first.url), password: 'senha longa 1', passwordConfirmation: 'senha longa 1' }, late)).ok).toBe(false);

    const second = await createAdministrator({ email: 'admin.dois@prefeitura.example.org', name: 'Admin Dois' }, issuedAt);
    if (!second.ok) throw new Error(second.errors.join());
    expect(second.created).toBe(false);
    expect(await passwordSetupLinkIsValid(tokenOf(first.url), issuedAt)).toBe(false);
    expect(await passwordSetupLinkIsValid(tokenOf(second.url), issuedAt)).toBe(true);
  });

  it('cannot turn someone else\'s account into an administrator', async () => {
    const db = await getDb();
    await db.insert(users).values({ email: 'cidada@example.org', name: 'Cidadã', role: 'citizen' });
    const result = await createAdministrator({ email: 'cidada@example.org', name: 'Atacante' });
    expect(result.ok).toBe(false);
    const [citizen] = await db.select().from(users).where(eq(users.email, 'cidada@example.org'));
    expect(citizen?.role).toBe('citizen');
    expect(await db.select().from(passwordSetupTokens).where(eq(passwordSetupTokens.userId, citizen?.id ?? ''))).toEqual([]);
  });
});
