import { describe, expect, it } from 'vitest';
import { formatCpf, isValidCpf } from '@/lib/domain/cpf';
import { formatMobilePhone, normalizeMobilePhone } from '@/lib/domain/phone';

describe('CPF', () => {
  it.each(['529.982.247-25', '52998224725', '111.444.777-35', ' 111 444 777 35 '])('accepts %s', (cpf) => {
    expect(isValidCpf(cpf)).toBe(true);
  });
  it.each(['529.982.247-24', '529.982.247-52', '111.111.111-11', '000.000.000-00', '1234567890', '5299822472a', ''])('refuses %s', (cpf) => {
    expect(isValidCpf(cpf)).toBe(false);
  });
  it('formats with dots and dash', () => expect(formatCpf('52998224725')).toBe('529.982.247-25'));
});

describe('mobile phone', () => {
  it.each([
    ['(14) 99123-4567', '+5514991234567'],
    ['14991234567', '+5514991234567'],
    ['+55 14 99123 4567', '+5514991234567'],
    ['014 99123-4567', '+5514991234567'],
  ])('reads %s as %s', (typed, e164) => expect(normalizeMobilePhone(typed)).toBe(e164));
  it.each(['(14) 3811-1547', '99123-4567', '(10) 99123-4567', '(14) 89123-4567', 'abc'])('refuses %s', (typed) => {
    expect(normalizeMobilePhone(typed)).toBeNull();
  });
  it('formats for reading', () => expect(formatMobilePhone('+5514991234567')).toBe('(14) 99123-4567'));
});
