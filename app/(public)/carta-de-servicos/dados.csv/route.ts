import { charterCsvResponse } from '@/lib/service-charter/publication';

/** The Carta de Serviços as open data (CSV, semicolons, UTF-8 with BOM), the same entries as the pages. */
export async function GET() {
  return charterCsvResponse();
}
