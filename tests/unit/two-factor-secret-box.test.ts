import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '@/lib/auth/two-factor/secret-box';
import { describeUserAgent } from '@/lib/domain/user-agent';

describe('authenticator secrets at rest', () => {
  const env = { NODE_ENV: 'production', AUTH_SECRET: 'a'.repeat(44) };

  it('open with the key they were sealed with, and never read as the secret', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', env);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealSecret('JBSWY3DPEHPK3PXP', env)).not.toBe(sealed);
    expect(openSecret(sealed, env)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('do not open with another key, nor once tampered with', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', env);
    expect(() => openSecret(sealed, { ...env, TWO_FACTOR_ENCRYPTION_KEY: 'c'.repeat(44) })).toThrow();
    const [version, iv, tag, body = ''] = sealed.split('.');
    // The first character: all six of its bits are data (the last one's may be padding bits only).
    const flipped = `${body.startsWith('A') ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => openSecret([version, iv, tag, flipped].join('.'), env)).toThrow();
  });
});

describe('describing a session’s browser', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36', 'Chrome no Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36 Edg/140.0', 'Edge no Windows'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile Safari/604.1', 'Safari no iOS'],
    ['Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 Chrome/140.0 Mobile Safari/537.36', 'Chrome no Android'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'Firefox no Linux'],
    ['', 'Navegador desconhecido'],
  ])('%s → %s', (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toBe(expected);
  });
});
