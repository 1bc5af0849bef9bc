/** CPF: 11 digits, the last two check digits computed modulo 11 over the ones before them. */

export function normalizeCpf(input: string): string {
  return input.replace(/\D/g, '');
}

function cpfCheckDigit(digits: string): number {
  const weightStart = digits.length + 1;
  const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (weightStart - index), 0);
  const rest = (sum * 10) % 11;
  return rest === 10 ? 0 : rest;
}

export function isValidCpf(input: string): boolean {
  const cpf = normalizeCpf(input);
  if (!/^\d{11}$/.test(cpf)) return false;
  // Repeated digits pass the arithmetic but are not issued.
  if (/^(\d)\1{10}$/.test(cpf)) return false;
  const first = cpfCheckDigit(cpf.slice(0, 9));
  const second = cpfCheckDigit(cpf.slice(0, 10));
  return first === Number(cpf[9]) && second === Number(cpf[10]);
}

export function formatCpf(input: string): string {
  const cpf = normalizeCpf(input);
  return `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
}
