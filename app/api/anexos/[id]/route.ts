import { currentActor } from '@/lib/auth/guards';
import { loadAttachment, mayDownload, type Asker } from '@/lib/attachments/access';
import { openStatusLink } from '@/lib/demands/status-link';
import { getFileStore, StoredFileMissingError } from '@/lib/storage';

/**
 * Serves one attachment: authenticate (a signed-in user, or an e-mailed status-link token in `?token=`)
 * → load → check the asker may see that demand and that movement → stream. A file the asker may not see
 * answers 404, like one that does not exist.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

async function authenticate(request: Request): Promise<Asker | null> {
  const token = new URL(request.url).searchParams.get('token');
  if (token) {
    const access = await openStatusLink(token);
    return access.ok ? { kind: 'status_link', demandId: access.demand.id } : null;
  }
  const actor = await currentActor();
  return actor ? { kind: 'actor', actor } : null;
}

function contentDisposition(contentType: string, fileName: string): string {
  // Photos open in the browser; PDFs and HEIC are downloaded rather than rendered by a viewer.
  const disposition = ['image/jpeg', 'image/png', 'image/webp'].includes(contentType) ? 'inline' : 'attachment';
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const asker = await authenticate(request);
  if (!asker) return plain(401, 'Faça login ou use o link recebido por e-mail para ver este arquivo.');
  const { id } = await params;
  const file = UUID.test(id) ? await loadAttachment(id) : null;
  if (!file || !mayDownload(asker, file)) return plain(404, 'Arquivo não encontrado.');
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
