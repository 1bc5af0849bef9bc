/**
 * Protocol numbers: `YYYY-NNNNNN-D`. D is a Damm check digit over the ten digits before it, which catches
 * every single wrong digit and every swap of two adjacent digits — the mistakes people make reading a
 * number over the phone or typing it in WhatsApp.
 */

/**
 * The canonical rule. The database has a copy, made from this table, for the intake's one statement
 * (lib/db/protocol-routines.ts); a test holds the two equal.
 */
export const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const char of digits) {
    const row = DAMM_TABLE[interim];
    const value = row?.[Number(char)];
    if (value === undefined) throw new Error(`Not a digit: ${char}`);
    interim = value;
  }
  return interim;
}

export const SEQUENCE_WIDTH = 6;

export function formatProtocol(year: number, sequence: number): string {
  const body = `${year}${String(sequence).padStart(SEQUENCE_WIDTH, '0')}`;
  return `${year}-${String(sequence).padStart(SEQUENCE_WIDTH, '0')}-${dammCheckDigit(body)}`;
}

/** The number shown as an example in forms and messages: a real one, so that typing it is not an error. */
export const EXAMPLE_PROTOCOL = formatProtocol(2026, 123);

export type ProtocolParseResult =
  | { ok: true; protocol: string; year: number; sequence: number }
  | { ok: false; reason: 'format' | 'check_digit' };

/** Accepts what people type: spaces, dots or no separators at all ("2026 000123 7", "20260001237"). */
export function parseProtocol(input: string): ProtocolParseResult {
  const digits = input.replace(/[\s.\-/]/g, '');
  if (!/^\d{11,}$/.test(digits)) return { ok: false, reason: 'format' };
  const year = Number(digits.slice(0, 4));
  const sequenceDigits = digits.slice(4, -1);
  const checkDigit = Number(digits.slice(-1));
  if (year < 2000 || year > 2999 || sequenceDigits.length < SEQUENCE_WIDTH) return { ok: false, reason: 'format' };
  if (dammCheckDigit(digits.slice(0, -1)) !== checkDigit) return { ok: false, reason: 'check_digit' };
  const sequence = Number(sequenceDigits);
  return { ok: true, protocol: formatProtocol(year, sequence), year, sequence };
}
