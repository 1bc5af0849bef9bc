import { describe, expect, it } from 'vitest';
import { dammCheckDigit, EXAMPLE_PROTOCOL, formatProtocol, parseProtocol } from '@/lib/domain/protocol';

describe('protocol numbers', () => {
  it('formats year, six-digit sequence and check digit', () => {
    expect(formatProtocol(2026, 123)).toMatch(/^2026-000123-\d$/);
    expect(formatProtocol(2026, 1)).toBe(`2026-000001-${dammCheckDigit('2026000001')}`);
  });

  it('reads what people type: with or without separators and spaces', () => {
    const protocol = formatProtocol(2026, 4521);
    const digits = protocol.replaceAll('-', '');
    for (const typed of [protocol, digits, ` ${protocol.replaceAll('-', ' ')} `, protocol.replaceAll('-', '.')]) {
      expect(parseProtocol(typed)).toEqual({ ok: true, protocol, year: 2026, sequence: 4521 });
    }
  });

  it('rejects text that is not a protocol', () => {
    for (const typed of ['', 'abc', '2026-12', '1999-000001-0x']) expect(parseProtocol(typed)).toEqual({ ok: false, reason: 'format' });
  });

  const samples = [1, 7, 123, 4521, 99999, 314159, 999999].flatMap((sequence) => [2025, 2026, 2031].map((year) => formatProtocol(year, sequence)));

  it('catches every single wrong digit', () => {
    for (const protocol of samples) {
      const digits = protocol.replaceAll('-', '');
      for (let position = 0; position < digits.length; position++) {
        for (let wrong = 0; wrong <= 9; wrong++) {
          if (String(wrong) === digits[position]) continue;
          const typed = digits.slice(0, position) + wrong + digits.slice(position + 1);
          expect(parseProtocol(typed).ok, `${typed} should be refused`).toBe(false);
        }
      }
    }
  });

  it('catches every swap of two adjacent different digits', () => {
    for (const protocol of samples) {
      const digits = protocol.replaceAll('-', '');
      for (let position = 0; position < digits.length - 1; position++) {
        if (digits[position] === digits[position + 1]) continue;
        const typed = digits.slice(0, position) + digits[position + 1] + digits[position] + digits.slice(position + 2);
        expect(parseProtocol(typed).ok, `${typed} should be refused`).toBe(false);
      }
    }
  });

  it('says the check digit is wrong when only the check digit is off', () => {
    const protocol = formatProtocol(2026, 55);
    const last = Number(protocol.slice(-1));
    expect(parseProtocol(protocol.slice(0, -1) + ((last + 1) % 10))).toEqual({ ok: false, reason: 'check_digit' });
  });
});

describe('the example number shown in forms and messages', () => {
  it('is a valid protocol, so that a citizen who types it in is not told its digit is wrong', () => {
    expect(parseProtocol(EXAMPLE_PROTOCOL)).toMatchObject({ ok: true, year: 2026, sequence: 123 });
  });
});
