/**
 * Reads a body only up to `maxBytes`. A declared `Content-Length` above the limit is refused before a
 * byte is read; a body without one, or longer than it claimed, is cut off as soon as the count passes the
 * limit, and the rest is never read (the stream is cancelled). `arrayBuffer()` would first hold the whole
 * body in memory, whatever its size, and only then let us look at it.
 */
export async function readBoundedBody(message: Request | Response, maxBytes: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false }> {
  const declared = message.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    await message.body?.cancel().catch(() => {});
    return { ok: false };
  }
  if (!message.body) return { ok: true, bytes: new Uint8Array() };

  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
