import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demoDataEnabled } from '@/lib/db/demo-data';
import { demands, departments, outbox, users } from '@/lib/db/schema';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDatabase } from '@/lib/db/seed';

/**
 * A fresh production install came up with `admin@demo.gov.br / demo12345` and 300 fake demands in the
 * published open data, and the demo queued ~560 e-mails, ~300 of them to the real prefeitura's domain,
 * that left on the first start with a Resend key.
 */

const RESERVED_DOMAIN = /@(?:[a-z0-9-]+\.)*(?:example\.(?:org|com|net)|[a-z0-9-]+\.(?:test|invalid|example))$/;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('demo data under NODE_ENV=production', () => {
  it('is on by default in development and tests, and off in production unless DEMO_DATA=on', () => {
    expect(demoDataEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(demoDataEnabled({ NODE_ENV: 'test' })).toBe(true);
    expect(demoDataEnabled({ NODE_ENV: 'development', DEMO_DATA: 'off' })).toBe(false);
    expect(demoDataEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(demoDataEnabled({ NODE_ENV: 'production', DEMO_ACCOUNTS: 'on' })).toBe(false);
    expect(demoDataEnabled({ NODE_ENV: 'production', DEMO_DATA: 'on' })).toBe(true);
  });

  it('a production seed creates no demo account, no demo demand and queues nothing', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const db = await getDb();
    await seedDatabase(db, { demoDemands: 20 });

    const demoEmails = DEMO_ACCOUNTS.map((account) => account.email);
    const accounts = await db.select({ email: users.email }).from(users);
    expect(accounts.filter((account) => demoEmails.includes(account.email) || account.email.endsWith('@demo.gov.br') || account.email.endsWith('@demo.example.org'))).toEqual([]);
    expect((await db.select({ total: count() }).from(demands))[0]?.total).toBe(0);
    expect((await db.select({ total: count() }).from(outbox))[0]?.total).toBe(0);
    // The real install keeps the secretarias' configured addresses.
    const [saude] = await db.select({ email: departments.email }).from(departments).where(eq(departments.slug, 'saude'));
    expect(saude?.email).toBe('saude@botucatu.sp.gov.br');
  });

  it('DEMO_DATA=on seeds the demo on reserved domains only, and the outbox stays empty', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('DEMO_DATA', 'on');
    const db = await getDb();
    await seedDatabase(db, { demoDemands: 40 });

    expect(DEMO_PASSWORD).toBe('demo12345');
    const accounts = await db.select({ email: users.email }).from(users);
    expect(accounts.length).toBeGreaterThanOrEqual(DEMO_ACCOUNTS.length);
    const seeded = await db.select({ email: demands.requesterEmail }).from(demands);
    expect(seeded).toHaveLength(40);
    const secretarias = await db.select({ email: departments.email }).from(departments);
    const addresses = [...accounts, ...seeded, ...secretarias].map((row) => row.email).filter((email): email is string => Boolean(email));
    expect(addresses.length).toBeGreaterThan(DEMO_ACCOUNTS.length + 12);
    expect(addresses.filter((email) => !RESERVED_DOMAIN.test(email))).toEqual([]);
    expect(await db.select({ recipient: outbox.recipient, template: outbox.template }).from(outbox)).toEqual([]);
  }, 120_000);
});
