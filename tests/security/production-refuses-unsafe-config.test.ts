import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendSignInLink } from '@/lib/auth/sign-in-link';
import { getDb } from '@/lib/db/client';
import { devMailbox } from '@/lib/db/schema';
import { appUrl } from '@/lib/delivery/config';
import { createStatusToken } from '@/lib/delivery/status-token';
import { productionConfigProblems } from '@/lib/startup/production-config';

/**
 * `next start` came up without a session secret (pages served, filings taken, sign-in answering 500),
 * signed status links with the session secret, e-mailed links to http://localhost:PORT, and kept e-mail
 * in a table nobody reads. The server start itself is checked against the built app in
 * tests/e2e/production-refuses-unsafe-start.test.ts; these are the rules it applies.
 */

const COMPLETE = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'a'.repeat(44),
  STATUS_LINK_SECRET: 'b'.repeat(44),
  APP_URL: 'https://ouvidoria.example.org',
  RESEND_API_KEY: 're_live_key',
} as const;

afterEach(() => {
  vi.unstubAllEnvs();
});

const missing = (env: NodeJS.ProcessEnv) => productionConfigProblems(env).map((problem) => problem.variable);

describe('the production configuration', () => {
  it('names each missing variable', () => {
    expect(missing({ NODE_ENV: 'production' })).toEqual(['AUTH_SECRET', 'APP_URL', 'STATUS_LINK_SECRET', 'RESEND_API_KEY']);
    expect(missing(COMPLETE)).toEqual([]);
  });

  it('refuses a two-factor encryption key that is short or the session secret, and takes none (derived) or a proper one', () => {
    expect(missing({ ...COMPLETE, TWO_FACTOR_ENCRYPTION_KEY: 'curta' })).toEqual(['TWO_FACTOR_ENCRYPTION_KEY']);
    expect(missing({ ...COMPLETE, TWO_FACTOR_ENCRYPTION_KEY: COMPLETE.AUTH_SECRET })).toEqual(['TWO_FACTOR_ENCRYPTION_KEY']);
    expect(missing({ ...COMPLETE, TWO_FACTOR_ENCRYPTION_KEY: 'c'.repeat(44) })).toEqual([]);
  });

  it('refuses a public address that passkeys and session cookies cannot trust, and a passkey domain outside it', () => {
    expect(missing({ ...COMPLETE, APP_URL: 'http://ouvidoria.example.org' })).toEqual(['APP_URL']);
    expect(missing({ ...COMPLETE, APP_URL: 'https://10.0.0.5' })).toEqual(['APP_URL']);
    // The developer's own machine is a secure context for the browser, even over http.
    expect(missing({ ...COMPLETE, APP_URL: 'http://localhost:3000' })).toEqual([]);
    expect(missing({ ...COMPLETE, APP_URL: 'http://127.0.0.1:3000' })).toEqual([]);
    expect(missing({ ...COMPLETE, PASSKEY_RP_ID: 'example.org' })).toEqual([]);
    expect(missing({ ...COMPLETE, PASSKEY_RP_ID: 'ouvidoria.example.org' })).toEqual([]);
    expect(missing({ ...COMPLETE, PASSKEY_RP_ID: 'outro.example.org' })).toEqual(['PASSKEY_RP_ID']);
    expect(missing({ ...COMPLETE, PASSKEY_RP_ID: 'ample.org' })).toEqual(['PASSKEY_RP_ID']);
  });

  it('refuses gov.br sign-in over plain http (except a local test provider), by half, or with staff levels it cannot check', () => {
    const govbr = { GOVBR_CLIENT_ID: 'ouvidoria', GOVBR_CLIENT_SECRET: 'segredo', GOVBR_ISSUER: 'https://sso.acesso.gov.br' };
    expect(missing({ ...COMPLETE, ...govbr })).toEqual([]);
    expect(missing({ ...COMPLETE, ...govbr, GOVBR_ISSUER: 'http://sso.acesso.gov.br' })).toEqual(['GOVBR_ISSUER']);
    expect(missing({ ...COMPLETE, ...govbr, GOVBR_TRUST_LEVELS_URL: 'http://api.acesso.gov.br/confiabilidades/v3/contas/{cpf}/niveis' })).toEqual(['GOVBR_TRUST_LEVELS_URL']);
    expect(missing({ ...COMPLETE, ...govbr, GOVBR_ISSUER: 'http://localhost:4010' })).toEqual([]);
    expect(missing({ ...COMPLETE, GOVBR_CLIENT_ID: 'ouvidoria' })).toEqual(['GOVBR_CLIENT_SECRET', 'GOVBR_ISSUER']);
    expect(missing({ ...COMPLETE, GOVBR_REQUIRED_LEVELS: 'admin=ouro' })).toEqual(['GOVBR_REQUIRED_LEVELS']);
    expect(missing({ ...COMPLETE, ...govbr, GOVBR_REQUIRED_LEVELS: 'admin=ouro, ombudsman=prata' })).toEqual([]);
    expect(missing({ ...COMPLETE, ...govbr, GOVBR_REQUIRED_LEVELS: 'citizen=ouro,admin=platina' })).toEqual(['GOVBR_REQUIRED_LEVELS']);
  });

  it('refuses a Messenger or Instagram channel configured by half, and takes one fully set or not at all', () => {
    const messenger = { MESSENGER_ACCESS_TOKEN: 'EAAG', MESSENGER_APP_SECRET: 's', MESSENGER_VERIFY_TOKEN: 'v', MESSENGER_ACCOUNT_ID: '1098' };
    expect(missing({ ...COMPLETE, ...messenger })).toEqual([]);
    expect(missing({ ...COMPLETE, MESSENGER_ACCESS_TOKEN: 'EAAG' })).toEqual(['MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN', 'MESSENGER_ACCOUNT_ID']);
    expect(missing({ ...COMPLETE, INSTAGRAM_APP_SECRET: 's', INSTAGRAM_VERIFY_TOKEN: 'v' })).toEqual(['INSTAGRAM_ACCESS_TOKEN', 'INSTAGRAM_ACCOUNT_ID']);
  });

  it('wants a status-link secret of its own and an APP_URL that is an address', () => {
    expect(missing({ ...COMPLETE, STATUS_LINK_SECRET: COMPLETE.AUTH_SECRET })).toEqual(['STATUS_LINK_SECRET']);
    expect(missing({ ...COMPLETE, APP_URL: 'ouvidoria.example.org' })).toEqual(['APP_URL']);
  });

  it('refuses a TRUSTED_PROXY_COUNT that is not a number, on which every limit per address depends', () => {
    expect(missing({ ...COMPLETE, TRUSTED_PROXY_COUNT: 'um' })).toEqual(['TRUSTED_PROXY_COUNT']);
    expect(missing({ ...COMPLETE, TRUSTED_PROXY_COUNT: '1' })).toEqual([]);
  });

  it('accepts no e-mail transport only when EMAIL_DELIVERY=off says so on purpose', () => {
    const { RESEND_API_KEY: _key, ...withoutResend } = COMPLETE;
    expect(missing(withoutResend)).toEqual(['RESEND_API_KEY']);
    expect(missing({ ...withoutResend, EMAIL_DELIVERY: 'off' })).toEqual([]);
  });

  it('in production, builds no link on localhost and signs no status link with the session secret', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('APP_URL', '');
    vi.stubEnv('AUTH_URL', '');
    expect(() => appUrl()).toThrow(/APP_URL/);
    vi.stubEnv('APP_URL', 'https://ouvidoria.example.org/');
    expect(appUrl()).toBe('https://ouvidoria.example.org');

    vi.stubEnv('AUTH_SECRET', COMPLETE.AUTH_SECRET);
    vi.stubEnv('STATUS_LINK_SECRET', '');
    const token = () => createStatusToken({ demandId: crypto.randomUUID(), recipient: 'rita@example.org', generation: 0, expiresAt: new Date(Date.now() + 86_400_000) });
    expect(token).toThrow(/STATUS_LINK_SECRET/);
    vi.stubEnv('STATUS_LINK_SECRET', COMPLETE.STATUS_LINK_SECRET);
    expect(token()).toMatch(/\./);
  });

  it('e-mails sign-in links on APP_URL, whatever Host the request forged', async () => {
    vi.stubEnv('APP_URL', 'https://ouvidoria.example.org');
    const forged = 'https://atacante.example.net';
    const recipient = `cidada.${Date.now()}@example.org`;
    await sendSignInLink({
      identifier: recipient,
      url: `${forged}/api/auth/callback/email?${new URLSearchParams({ callbackUrl: `${forged}/minhas-manifestacoes`, token: 'abc123', email: recipient })}`,
      token: 'abc123',
      expires: new Date(Date.now() + 30 * 60_000),
      request: new Request(`${forged}/api/auth/signin/email`, { headers: { 'x-forwarded-for': '198.51.100.9' } }),
    });
    const [message] = await (await getDb()).select().from(devMailbox).where(eq(devMailbox.recipient, recipient));
    expect(message?.text).toContain('https://ouvidoria.example.org/api/auth/callback/email?');
    expect(message?.text).toContain(encodeURIComponent('https://ouvidoria.example.org/minhas-manifestacoes'));
    expect(message?.html).not.toContain('atacante');
    expect(message?.text).not.toContain('atacante');
  });
});
