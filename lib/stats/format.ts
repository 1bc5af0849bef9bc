/** Numbers as the pages, tables and CSV files show them (pt-BR). */

const integer = new Intl.NumberFormat('pt-BR');
const decimal = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const monthYear = new Intl.DateTimeFormat('pt-BR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLong = new Intl.DateTimeFormat('pt-BR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatInteger(value: number): string {
  return integer.format(value);
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${decimal.format(rate * 100)}%`;
}

export function formatDecimal(value: number | null): string {
  return value === null ? '—' : decimal.format(value);
}

export function formatDays(days: number | null): string {
  if (days === null) return '—';
  return days === 1 ? '1 dia' : `${integer.format(days)} dias`;
}

/** "jan. de 2026" for a month bucket (YYYY-MM-01). */
export function formatMonth(month: string, style: 'short' | 'long' = 'short'): string {
  const date = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  return (style === 'long' ? monthLong : monthYear).format(date);
}

/** dd/mm/aaaa. */
export function formatIsoDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}
