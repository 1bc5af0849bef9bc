import { z } from 'zod';
import { postedFromThisSite } from '@/lib/http/same-origin';
import { currentActor } from '@/lib/auth/guards';
import { findOwnDemand } from '@/lib/demands/citizen-demands';
import { PushSubscriptionInput, subscribeToDemand, unsubscribeFromDemand } from '@/lib/demands/push-subscriptions';
import { openStatusLink } from '@/lib/demands/status-link';

/*
 * "Avisar neste aparelho": a browser subscribes to (or leaves) the Web Push notices of one demand. Who may
 * is whoever may read the demand's status: the holder of its e-mailed status link (`token`), or the
 * signed-in citizen whose account it is in (`protocol`). Same-origin posts only; JSON in and out.
 */

export const dynamic = 'force-dynamic';

const NO_STORE = { 'cache-control': 'no-store' };

const Body = z.object({
  token: z.string().max(500).optional(),
  protocol: z.string().max(20).optional(),
  subscription: PushSubscriptionInput,
});

export const POST = (request: Request) => answer(request, 'subscribe');
export const DELETE = (request: Request) => answer(request, 'unsubscribe');

async function answer(request: Request, action: 'subscribe' | 'unsubscribe'): Promise<Response> {
  if (!postedFromThisSite(request.headers)) return Response.json({ message: 'Use a página da manifestação.' }, { status: 403, headers: NO_STORE });
  const parsed = Body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return Response.json({ message: 'O navegador não enviou uma inscrição de avisos válida. Recarregue a página e tente de novo.' }, { status: 400, headers: NO_STORE });
  }
  const demandId = await demandTheCallerMayRead(parsed.data);
  if (!demandId) return Response.json({ message: 'Não encontramos esta manifestação para você. Abra o link do e-mail ou entre na sua conta.' }, { status: 404, headers: NO_STORE });
  if (action === 'subscribe') await subscribeToDemand(demandId, parsed.data.subscription);
  else await unsubscribeFromDemand(demandId, parsed.data.subscription.endpoint);
  return Response.json({ ok: true }, { headers: NO_STORE });
}

async function demandTheCallerMayRead(input: { token?: string; protocol?: string }): Promise<string | undefined> {
  if (input.token) {
    const access = await openStatusLink(input.token);
    return access.ok ? access.demand.id : undefined;
  }
  if (input.protocol) {
    const actor = await currentActor();
    if (actor?.role !== 'citizen') return undefined;
    return (await findOwnDemand(actor, input.protocol))?.id;
  }
  return undefined;
}
