import { describe, expect, it } from 'vitest';
import { defaultTrustLevelsUrl, govbrConfig, govbrFormTargets } from '@/lib/auth/govbr/config';
import { explainGovbrFailure } from '@/lib/auth/govbr/callback-errors';
import { maskCpf, meetsTrustLevel, parseRequiredLevels, trustLevelFromNiveis } from '@/lib/domain/govbr';
import { ROLES } from '@/lib/domain/vocabulary';

describe("gov.br's levels", () => {
  it.each([
    [[{ id: '1', dataAtualizacao: '2026-01-01 10:00:00' }], 'bronze'],
    [[{ id: '1' }, { id: '2' }], 'prata'],
    [[{ id: 3 }, { id: '1' }], 'ouro'],
    [[{ id: '801' }], null],
    [[], null],
    [{ id: '3' }, null],
    ['3', null],
  ])('reads %j as %s', (body, level) => {
    expect(trustLevelFromNiveis(body)).toBe(level);
  });

  it.each([
    ['ouro', 'prata', true],
    ['prata', 'prata', true],
    ['bronze', 'prata', false],
    [null, 'prata', false],
    ['prata', 'ouro', false],
  ] as const)('%s meets %s: %s', (have, required, meets) => {
    expect(meetsTrustLevel(have, required)).toBe(meets);
  });

  it('reads the staff roles and levels required, and names what it cannot read', () => {
    const staff = ROLES.filter((role) => role !== 'citizen');
    expect(parseRequiredLevels(' admin=OURO , ombudsman=prata ', staff)).toEqual({ levels: { admin: 'ouro', ombudsman: 'prata' }, invalid: [] });
    expect(parseRequiredLevels('citizen=ouro,admin=platina,manager', staff).invalid).toEqual(['citizen=ouro', 'admin=platina', 'manager']);
    expect(parseRequiredLevels(undefined, staff)).toEqual({ levels: {}, invalid: [] });
  });

  it('masks a CPF shown back to its owner', () => {
    expect(maskCpf('52998224725')).toBe('***.982.247-**');
  });
});

describe('the gov.br configuration', () => {
  it('is off unless client, secret and issuer are all set, and finds the levels API beside the issuer', () => {
    expect(govbrConfig({ GOVBR_CLIENT_ID: 'a', GOVBR_ISSUER: 'https://sso.acesso.gov.br' })).toBeNull();
    const config = govbrConfig({ GOVBR_CLIENT_ID: 'a', GOVBR_CLIENT_SECRET: 'b', GOVBR_ISSUER: 'https://sso.staging.acesso.gov.br/' });
    expect(config?.issuer).toBe('https://sso.staging.acesso.gov.br');
    expect(config?.trustLevelsUrl).toBe('https://api.staging.acesso.gov.br/confiabilidades/v3/contas/{cpf}/niveis?response-type=ids');
    expect(defaultTrustLevelsUrl('https://sso.acesso.gov.br')).toBe('https://api.acesso.gov.br/confiabilidades/v3/contas/{cpf}/niveis?response-type=ids');
    expect(govbrFormTargets({ GOVBR_CLIENT_ID: 'a', GOVBR_CLIENT_SECRET: 'b', GOVBR_ISSUER: 'https://sso.acesso.gov.br' })).toEqual(['https://sso.acesso.gov.br']);
    expect(govbrFormTargets({})).toEqual([]);
  });

  it("turns Auth.js's Configuration error on gov.br's callback into the sign-in page's gov.br message, and nothing else", () => {
    const refused = Response.redirect('http://localhost:3000/entrar?error=Configuration', 302);
    const onCallback = explainGovbrFailure(new Request('http://localhost:3000/api/auth/callback/govbr?code=x&state=y'), refused);
    expect(onCallback.headers.get('location')).toBe('http://localhost:3000/entrar?error=GovbrCallback');
    const elsewhere = explainGovbrFailure(new Request('http://localhost:3000/api/auth/callback/email?token=x'), refused);
    expect(elsewhere.headers.get('location')).toBe('http://localhost:3000/entrar?error=Configuration');
  });
});
