import { AuthorizationError, requireStaff } from '@/lib/auth/guards';
import { subscribeToDemandChanges } from '@/lib/live/demand-changes';

/**
 * Server-Sent Events for an open staff page (components/workspace/live-pulse.tsx): an empty `change` event
 * shortly after any demand changed, so the page asks its pulse (`/painel/api/pulso`) at once instead of
 * at its next poll. The stream says nothing about which demand or what moved: the pulse is what is
 * authorized per person. Without a database that pushes (the embedded one) it answers 204, which tells
 * the browser not to reconnect; the page keeps polling.
 */

export const dynamic = 'force-dynamic';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 25_000;

export async function GET(request: Request) {
  try {
    await requireStaff();
  } catch (error) {
    if (error instanceof AuthorizationError) return Response.json({ error: error.message }, { status: error.status, headers: { 'Cache-Control': 'private, no-store' } });
    throw error;
  }
  if (!process.env.DATABASE_URL) return new Response(null, { status: 204, headers: { 'Cache-Control': 'private, no-store' } });
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const unsubscribe = subscribeToDemandChanges(() => send('event: change\ndata: {}\n\n'));
      if (!unsubscribe) {
        controller.close();
        return;
      }
      const keepAlive = setInterval(() => send(': ainda aqui\n\n'), KEEP_ALIVE_MS);
      stop = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      request.signal.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime.
        }
      });
      send('retry: 5000\n\n');
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: the server's compression must not hold the events back.
      'Cache-Control': 'private, no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}
