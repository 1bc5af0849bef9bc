/**
 * RFC 4180 CSV with a UTF-8 byte order mark and semicolons, which is what spreadsheet programs set to
 * pt-BR open correctly (a comma is the decimal separator there).
 */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(CSV_SEPARATOR)}\r\n`;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return CSV_BOM + csvLine(header) + rows.map(csvLine).join('');
}
