import type { Role } from './vocabulary';

/** gov.br account levels, weakest first (Login Único "níveis": id 1 bronze, 2 prata, 3 ouro). */
export const GOVBR_TRUST_LEVELS = ['bronze', 'prata', 'ouro'] as const;
export type GovbrTrustLevel = (typeof GOVBR_TRUST_LEVELS)[number];

export const GOVBR_TRUST_LEVEL_LABELS: Record<GovbrTrustLevel, string> = { bronze: 'bronze', prata: 'prata', ouro: 'ouro' };

const LEVEL_BY_NIVEL_ID: Record<string, GovbrTrustLevel> = { '1': 'bronze', '2': 'prata', '3': 'ouro' };

/**
 * The highest level in gov.br's answer to `…/confiabilidades/v3/contas/{cpf}/niveis?response-type=ids`:
 * an array of `{ id, dataAtualizacao }`. Anything else (or no known id) is no level at all.
 */
export function trustLevelFromNiveis(body: unknown): GovbrTrustLevel | null {
  if (!Array.isArray(body)) return null;
  let best: GovbrTrustLevel | null = null;
  for (const entry of body) {
    const id = typeof entry === 'object' && entry !== null ? String((entry as { id?: unknown }).id ?? '') : '';
    const level = LEVEL_BY_NIVEL_ID[id.trim()];
    if (level && (!best || GOVBR_TRUST_LEVELS.indexOf(level) > GOVBR_TRUST_LEVELS.indexOf(best))) best = level;
  }
  return best;
}

export function meetsTrustLevel(have: GovbrTrustLevel | null | undefined, required: GovbrTrustLevel): boolean {
  return Boolean(have) && GOVBR_TRUST_LEVELS.indexOf(have as GovbrTrustLevel) >= GOVBR_TRUST_LEVELS.indexOf(required);
}

export type RequiredLevels = Partial<Record<Role, GovbrTrustLevel>>;

/**
 * `GOVBR_REQUIRED_LEVELS`, e.g. `admin=ouro,ombudsman=prata`: the level a staff role must have linked.
 * Returns what it could read and what it could not (the production check refuses to start on the latter).
 */
export function parseRequiredLevels(value: string | undefined, staffRoles: readonly Role[]): { levels: RequiredLevels; invalid: string[] } {
  const levels: RequiredLevels = {};
  const invalid: string[] = [];
  for (const item of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [role, level] = item.split('=').map((part) => part?.trim().toLowerCase());
    if (!role || !level || !staffRoles.includes(role as Role) || !(GOVBR_TRUST_LEVELS as readonly string[]).includes(level)) {
      invalid.push(item);
      continue;
    }
    levels[role as Role] = level as GovbrTrustLevel;
  }
  return { levels, invalid };
}

/** A CPF shown to its owner without spelling it out: `***.456.789-**`. */
export function maskCpf(cpf: string): string {
  const digits = cpf.replace(/\D/g, '');
  return digits.length === 11 ? `***.${digits.slice(3, 6)}.${digits.slice(6, 9)}-**` : '***';
}
