import { charterPdfResponse } from '@/lib/service-charter/publication';

/** Lei 13.460/2017 art. 7º: the whole Carta de Serviços, printable. */
export async function GET() {
  return charterPdfResponse();
}
