import { parseRequiredLevels, type RequiredLevels } from '@/lib/domain/govbr';
import { ROLES } from '@/lib/domain/vocabulary';

/**
 * gov.br Login Único, configured by environment. Pure: reads the environment it is given.
 *
 * - `GOVBR_CLIENT_ID`, `GOVBR_CLIENT_SECRET`, `GOVBR_ISSUER`: the client registered with gov.br and its
 *   issuer (staging `https://sso.staging.acesso.gov.br`, production `https://sso.acesso.gov.br`).
 * - `GOVBR_TRUST_LEVELS_URL` (optional): where the account's levels are read, `{cpf}` standing for the
 *   CPF. By default gov.br's documented `https://api[.staging].acesso.gov.br/confiabilidades/v3/contas/{cpf}/niveis?response-type=ids`,
 *   the API host taken from the issuer's (`sso.` → `api.`).
 * - `GOVBR_REQUIRED_LEVELS` (optional): `role=level` pairs, e.g. `admin=ouro,ombudsman=prata`.
 */
export type GovbrConfig = {
  clientId: string;
  clientSecret: string;
  issuer: string;
  trustLevelsUrl: string;
  requiredLevels: RequiredLevels;
};

/** The environment, or any map of its variables (tests pass their own). */
type Env = Record<string, string | undefined>;

export const GOVBR_PROVIDER_ID = 'govbr';
export const GOVBR_SCOPES = 'openid email profile govbr_confiabilidades';
export const GOVBR_ISSUERS = { staging: 'https://sso.staging.acesso.gov.br', production: 'https://sso.acesso.gov.br' } as const;

const STAFF_ROLES = ROLES.filter((role) => role !== 'citizen');
const GOVBR_VARIABLES = ['GOVBR_CLIENT_ID', 'GOVBR_CLIENT_SECRET', 'GOVBR_ISSUER'] as const;

export function govbrConfig(env: Env = process.env): GovbrConfig | null {
  const [clientId, clientSecret, issuer] = GOVBR_VARIABLES.map((name) => env[name]?.trim() ?? '');
  if (!clientId || !clientSecret || !issuer) return null;
  const trimmedIssuer = issuer.replace(/\/+$/, '');
  return {
    clientId,
    clientSecret,
    issuer: trimmedIssuer,
    trustLevelsUrl: env.GOVBR_TRUST_LEVELS_URL?.trim() || defaultTrustLevelsUrl(trimmedIssuer),
    requiredLevels: parseRequiredLevels(env.GOVBR_REQUIRED_LEVELS, STAFF_ROLES).levels,
  };
}

export function defaultTrustLevelsUrl(issuer: string): string {
  const url = new URL(issuer);
  if (url.hostname.startsWith('sso.')) url.hostname = `api.${url.hostname.slice('sso.'.length)}`;
  return `${url.origin}/confiabilidades/v3/contas/{cpf}/niveis?response-type=ids`;
}

/** A local provider (a test's, a developer's) may speak plain http; any other must be https. */
function isSafeIssuerUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** What the production check refuses (lib/startup/production-config.ts). */
export function govbrConfigProblems(env: Env): { variable: string; problem: string }[] {
  const problems: { variable: string; problem: string }[] = [];
  const missing = GOVBR_VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length > 0 && missing.length < GOVBR_VARIABLES.length) {
    for (const variable of missing) {
      problems.push({ variable, problem: `a entrada com gov.br está configurada pela metade: defina também ${variable} (ou retire ${GOVBR_VARIABLES.join(', ')}).` });
    }
  }
  for (const variable of ['GOVBR_ISSUER', 'GOVBR_TRUST_LEVELS_URL'] as const) {
    const value = env[variable]?.trim();
    if (value && !isSafeIssuerUrl(value)) {
      problems.push({ variable, problem: `"${value}" precisa ser um endereço https (ex.: ${GOVBR_ISSUERS.production}): por http, a identidade do cidadão viajaria sem proteção.` });
    }
  }
  const { levels, invalid } = parseRequiredLevels(env.GOVBR_REQUIRED_LEVELS, STAFF_ROLES);
  if (invalid.length > 0) {
    problems.push({
      variable: 'GOVBR_REQUIRED_LEVELS',
      problem: `não entendi "${invalid.join('", "')}": use pares perfil=nível separados por vírgula (perfis: ${STAFF_ROLES.join(', ')}; níveis: prata, ouro), ex.: admin=ouro,ombudsman=prata.`,
    });
  }
  if (Object.keys(levels).length > 0 && missing.length > 0) {
    problems.push({ variable: 'GOVBR_REQUIRED_LEVELS', problem: 'exige gov.br de servidores, mas a entrada com gov.br não está configurada (GOVBR_CLIENT_ID, GOVBR_CLIENT_SECRET, GOVBR_ISSUER).' });
  }
  return problems;
}

/** The origin "Entrar com gov.br" posts are redirected to (for the CSP's form-action), none when off. */
export function govbrFormTargets(env: Env = process.env): string[] {
  const config = govbrConfig(env);
  if (!config) return [];
  try {
    return [new URL(config.issuer).origin];
  } catch {
    return [];
  }
}
