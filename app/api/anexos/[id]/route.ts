import { currentActor, type Actor } from '@/lib/auth/guards';
import { loadAttachment, mayDownload, type Asker, type LoadedAttachment } from '@/lib/attachments/access';
import { openStatusLink } from '@/lib/demands/status-link';
import { hasStatusFilesCookie, statusFilesTokenFor } from '@/lib/http/status-link-cookie';
import { getFileStore, StoredFileMissingError } from '@/lib/storage';

/**
 * Serves one attachment: authenticate (a signed-in user, or the cookie that opening an e-mailed status
 * link leaves for that demand's files — never a token in the URL) → load → check the asker may see that
 * demand and that movement → stream. A file the asker may not see answers 404, like one that does not
 * exist.
 */

const SIGN_IN_OR_OPEN_LINK = 'Faça login ou abra de novo o link recebido por e-mail para ver este arquivo.';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * Who may be asking: the signed-in user, and the status link whose cookie the request carries for the
 * file's demand (checked like the link itself: signature, expiry, recipient, not revoked).
 */
async function askersFor(file: LoadedAttachment, actor: Actor | null, cookieHeader: string | null): Promise<Asker[]> {
  const askers: Asker[] = actor ? [{ kind: 'actor', actor }] : [];
  const token = statusFilesTokenFor(cookieHeader, file.demandId);
  if (token) {
    const access = await openStatusLink(token);
    if (access.ok) askers.push({ kind: 'status_link', demandId: access.demand.id });
  }
  return askers;
}

function contentDisposition(contentType: string, fileName: string): string {
  // Photos open in the browser; PDFs and HEIC are downloaded rather than rendered by a viewer.
  const disposition = ['image/jpeg', 'image/png', 'image/webp'].includes(contentType) ? 'inline' : 'attachment';
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const actor = await currentActor();
  const cookieHeader = request.headers.get('cookie');
  if (!actor && !hasStatusFilesCookie(cookieHeader)) return plain(401, SIGN_IN_OR_OPEN_LINK);
  const { id } = await params;
  const file = UUID.test(id) ? await loadAttachment(id) : null;
  if (!file) return plain(404, 'Arquivo não encontrado.');
  const askers = await askersFor(file, actor, cookieHeader);
  if (!askers.some((asker) => mayDownload(asker, file))) return plain(404, 'Arquivo não encontrado.');
  try {
    const body = await getFileStore().read(file.attachment.storageKey);
    return new Response(body, {
      headers: {
        'content-type': file.attachment.contentType,
        'content-length': String(file.attachment.sizeBytes),
        'content-disposition': contentDisposition(file.attachment.contentType, file.attachment.fileName),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'referrer-policy': 'no-referrer',
      },
    });
  } catch (error) {
    if (error instanceof StoredFileMissingError) return plain(404, 'Arquivo não encontrado.');
    throw error;
  }
}
