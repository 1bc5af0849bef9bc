import { z } from 'zod';
import { AuthorizationError, requireStaff } from '@/lib/auth/guards';
import { countQueues } from '@/lib/db/queries/demand-queues';
import { pulseDemand } from '@/lib/demands/presence';
import { QUEUE_SLUGS, QUEUES } from '@/lib/domain/queues';

/**
 * The workspace's pulse, polled every 2 s by an open page (components/workspace/live-pulse.tsx): the
 * actor's queue counts and, on a demand, its version and who else has it open — the poll also records
 * the actor's own heartbeat there. A POST, since it writes that heartbeat. Guarded here, and the demand
 * is checked against the actor by the use case (a demand they may not see is "not found").
 */

const PulseRequestSchema = z.object({
  demanda: z.string({ error: 'Protocolo inválido.' }).max(40, { error: 'Protocolo inválido.' }).optional(),
  respondendo: z.boolean({ error: 'Informe se você está escrevendo.' }).default(false),
});

const headers = { 'Cache-Control': 'private, no-store' };

export async function POST(request: Request) {
  let actor;
  try {
    actor = await requireStaff();
  } catch (error) {
    if (error instanceof AuthorizationError) return Response.json({ error: error.message }, { status: error.status, headers });
    throw error;
  }
  const body: unknown = await request.json().catch(() => null);
  const parsed = PulseRequestSchema.safeParse(body);
  if (!parsed.success) return Response.json({ error: 'Pedido inválido.' }, { status: 400, headers });

  const pulse = parsed.data.demanda ? await pulseDemand(actor, { protocol: parsed.data.demanda, replying: parsed.data.respondendo }) : null;
  if (pulse && !pulse.ok) return Response.json({ error: pulse.error }, { status: pulse.status, headers });
  const counts = await countQueues({ actor });
  const queues = Object.fromEntries(QUEUES.flatMap((queue) => (counts[queue] === undefined ? [] : [[QUEUE_SLUGS[queue], counts[queue]]])));
  return Response.json({ queues, demand: pulse ? { version: pulse.version, others: pulse.others } : null }, { headers });
}
