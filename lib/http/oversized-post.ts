import { formatMegabytes, MAX_FORM_POST_BYTES } from '@/lib/attachments/rules';
import { municipality } from '@/lib/municipality';

/**
 * The pages whose forms carry files and post to themselves (server actions): the public intake forms, the
 * e-mailed status page, the citizen's own demands and the staff workspace.
 */
const FORM_PAGES_WITH_FILES = [/^\/ouvidoria\/nova(\/|$)/, /^\/balcao\/[^/]+\/?$/, /^\/situacao\//, /^\/minhas-manifestacoes(\/|$)/, /^\/painel(\/|$)/];

export function isFormPageWithFiles(pathname: string): boolean {
  return FORM_PAGES_WITH_FILES.some((page) => page.test(pathname));
}

/**
 * A form post larger than the server reads. Next.js would answer it with a bare error (a 500, with or
 * without JavaScript), and the person would not know that nothing was registered or why. The browser
 * declares the size before sending, so the answer comes at once, as a page in Portuguese; going back
 * with the browser's button returns to the form as it was filled. (With JavaScript the form checks the
 * files itself and never sends such a post.)
 */
export function refuseOversizedFormPost(request: Request): Response | null {
  if (request.method !== 'POST') return null;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (!Number.isFinite(declared) || declared <= MAX_FORM_POST_BYTES) return null;
  const path = new URL(request.url).pathname;
  if (!isFormPageWithFiles(path)) return null;
  const phone = municipality.ouvidoria.tollFree ?? municipality.ouvidoria.phones[0] ?? '';
  const html = `<!doctype html>
<html lang="pt-BR">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Envio grande demais — nada foi registrado</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0f172a}a{color:#1e3a8a}</style></head>
<body><main>
<h1>Os arquivos passam do limite: nada foi registrado</h1>
<p>O envio tinha ${formatMegabytes(declared)}, e o limite é de ${formatMegabytes(MAX_FORM_POST_BYTES)} por envio (até 5 arquivos de até 10 MB cada).</p>
<p>Use o botão <strong>Voltar</strong> do navegador: o que você digitou continua no formulário. Remova os arquivos maiores (ou reduza as fotos) e envie de novo.</p>
<p><a href="${path}">Abrir o formulário de novo</a>${phone ? ` · Se preferir, ligue para a Ouvidoria: ${phone}` : ''}</p>
</main></body>
</html>`;
  return new Response(html, { status: 413, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
