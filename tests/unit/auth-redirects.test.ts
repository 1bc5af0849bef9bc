import { describe, expect, it } from 'vitest';
import { homePathFor, safeCallbackPath } from '@/lib/auth/redirects';
import { authSecret } from '@/lib/auth/secret';

describe('safeCallbackPath', () => {
  it.each([
    ['/painel', '/painel'],
    ['/minhas-manifestacoes?pagina=2', '/minhas-manifestacoes?pagina=2'],
    ['/painel/admin/usuarios#lista', '/painel/admin/usuarios#lista'],
    ['/a/../painel', '/painel'],
  ])('follows the same-site path %s', (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([
    'https://evil.example/painel',
    '//evil.example/painel',
    '/\\evil.example',
    'painel',
    'javascript:alert(1)',
    '/painel\nSet-Cookie: x=1',
    '',
    undefined,
    42,
  ])('drops %s', (input) => {
    expect(safeCallbackPath(input)).toBeNull();
  });
});

describe('homePathFor', () => {
  it('sends citizens to their demands and every staff role to the workspace', () => {
    expect(homePathFor('citizen')).toBe('/minhas-manifestacoes');
    for (const role of ['attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'admin'] as const) {
      expect(homePathFor(role)).toBe('/painel');
    }
  });
});

describe('authSecret', () => {
  it('uses AUTH_SECRET when set, a development key otherwise, and nothing in production', () => {
    expect(authSecret({ AUTH_SECRET: 'from-env', NODE_ENV: 'production' })).toBe('from-env');
    expect(authSecret({ NODE_ENV: 'development' })).toMatch(/development-only/);
    expect(authSecret({ NODE_ENV: 'test' })).toMatch(/development-only/);
    expect(authSecret({ NODE_ENV: 'production' })).toBeUndefined();
  });
});
