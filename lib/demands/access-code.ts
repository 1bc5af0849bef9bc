import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

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
  const hash = await scryptAsync(normalizeAccessCode(code), salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyAccessCode(code: string, stored: string): Promise<boolean> {
  const [scheme, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const actual = await scryptAsync(normalizeAccessCode(code), Buffer.from(saltText, 'base64url'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** What departments see instead of a protected requester's name. */
export function generatePseudonym(): string {
  let tag = '';
  for (let i = 0; i < 6; i++) tag += ALPHABET[randomInt(ALPHABET.length)];
  return `Manifestante ${tag}`;
}
