import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema';

/**
 * The baseline of `npm run bench:intake`: one INSERT behind a route handler, nothing else. Exists only
 * when the benchmark starts the server with BENCH_ROUTES=1; otherwise it is a 404 like any unknown path.
 */
export async function POST() {
  if (process.env.BENCH_ROUTES !== '1') return new NextResponse(null, { status: 404 });
  const db = await getDb();
  await db.insert(rateLimits).values({ key: `bench:${randomUUID()}`, hits: 1, windowEndsAt: new Date() });
  return NextResponse.json({ ok: true }, { status: 201 });
}
