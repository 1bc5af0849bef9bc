import { informationRequestsResponse } from '@/lib/stats/information-requests';

/** The yearly access-to-information report (LAI art. 30 III; Decreto 7.724 art. 45) as open data. */
export function GET() {
  return informationRequestsResponse('json');
}
