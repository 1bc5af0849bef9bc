import { charterJsonResponse } from '@/lib/service-charter/publication';

/** The Carta de Serviços as open data (JSON), the same entries as the pages. */
export async function GET() {
  return charterJsonResponse();
}
