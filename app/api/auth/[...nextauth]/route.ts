import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/auth';
import { explainGovbrFailure } from '@/lib/auth/govbr/callback-errors';

export const POST = handlers.POST;

export async function GET(request: NextRequest): Promise<Response> {
  return explainGovbrFailure(request, await handlers.GET(request));
}
