import { duplicateSuggestionsFor } from '@/lib/channels/duplicate-suggestions';

/**
 * "Já pediram isto aqui perto" while the citizen types (the Balcão form's script): open requests of the
 * service near the pin or with a similar description. Public: it answers only what a stranger may see
 * (lib/db/queries/duplicate-suggestions.ts); an invalid query answers an empty list.
 */
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const query = Object.fromEntries(new URL(request.url).searchParams.entries());
  const suggestions = await duplicateSuggestionsFor(query);
  return Response.json({ suggestions }, { headers: { 'cache-control': 'no-store' } });
}
