import type { NextRequest } from 'next/server';
import { openDataResponse } from '@/lib/stats/open-data-response';

export function GET(request: NextRequest) {
  return openDataResponse('csv', request.nextUrl.searchParams);
}
