import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number }) => Promise<Buffer>;

/*
 * How hard the stored hash is to reverse. scrypt's default cost (N = 16384, ~45 ms of CPU here) is made for
 * passwords people choose, of 30-odd bits. An access code is 10 random symbols of 31 (~49.5 bits), so far
 * less stretching protects it as well: at N = 1024 (~2 ms) trying every code against one stolen hash still
 * takes some 50,000 CPU-years, and online guessing meets the tracking page's delays first. The cheaper hash
 * is what lets the public lookup (which always hashes once, found or not) answer in tens of milliseconds and
 * an anonymous filing not wait on it. Hashes made before carry the old cost and still verify.
 */
const COST = 1024;
const LEGACY_COST = 16384;

// No 0/O, 1/I/L: the code is read off a screen and typed back, often on a phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;

/** The access code an anonymous requester follows the demand with; shown once, stored hashed. */
export function generateAccessCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function normalizeAccessCode(input: string): string {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.length === CODE_LENGTH ? `${compact.slice(0, 5)}-${compact.slice(5)}` : compact;
}

export async function hashAccessCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(normalizeAccessCode(code), salt, 32, { N: COST });
  return `scrypt:${COST}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyAccessCode(code: string, stored: string): Promise<boolean> {
  const [scheme, saltText, hashText] = stored.split('$');
  const cost = scheme === `scrypt:${COST}` ? COST : scheme === 'scrypt' ? LEGACY_COST : undefined;
  if (!cost || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const actual = await scryptAsync(normalizeAccessCode(code), Buffer.from(saltText, 'base64url'), expected.length, { N: cost });
  return timingSafeEqual(expected, actual);
}

/** What departments see instead of a protected requester's name. */
export function generatePseudonym(): string {
  let tag = '';
  for (let i = 0; i < 6; i++) tag += ALPHABET[randomInt(ALPHABET.length)];
  return `Manifestante ${tag}`;
}
