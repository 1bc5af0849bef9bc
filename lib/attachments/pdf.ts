import 'server-only';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Rewrites a PDF without what identifies its author or runs on the reader's machine, keeping its pages,
 * text, images and form fields. A PDF carries its author in the document information dictionary
 * (/Author, /Creator, /Producer…), in XMP metadata streams (the document's and any image's), in earlier
 * revisions kept by incremental saves, and can carry scripts (/OpenAction, /AA, the /JavaScript name
 * tree, JavaScript actions on links and form fields), launch actions, XFA forms and embedded files.
 *
 * The work is done by qpdf (Debian's `qpdf` package, on the PATH): it reads the file into its object
 * model, we edit the objects through its JSON interface, and it writes a new file holding only the
 * objects still reachable from the catalog — earlier revisions and the dropped objects do not survive.
 * Renderers that rasterise (Ghostscript) would lose the text and the forms; metadata tools that append
 * an incremental update (exiftool) leave the old values in the file.
 */

const run = promisify(execFile);

/** Why a PDF could not be rewritten, in terms the uploader can act on. */
export class PdfRewriteError extends Error {
  constructor(readonly reason: 'encrypted' | 'unreadable', detail: string) {
    super(`PDF refused (${reason}): ${detail}`);
    this.name = 'PdfRewriteError';
  }
}

/** qpdf itself is missing: an installation problem, never the uploader's fault. */
export class PdfToolMissingError extends Error {
  constructor() {
    super('qpdf is not installed (apt-get install qpdf): PDF attachments cannot be cleaned, so none are accepted.');
    this.name = 'PdfToolMissingError';
  }
}

/** Keys whose values are metadata, scripts, or files inside the file; removed wherever they appear. */
const REMOVED_KEYS = new Set([
  '/Metadata', // XMP
  '/PieceInfo', // application private data (authoring tool state)
  '/OpenAction',
  '/AA', // additional actions: on open, close, page view, keystroke, field change…
  '/JS',
  '/JavaScript', // the document-level name tree of scripts
  '/EmbeddedFiles',
  '/EF', // a file specification's embedded file streams
  '/AF', // associated files
  '/XFA', // XML forms, with scripts of their own; the AcroForm fields stay
  '/RichMediaContent',
]);

/** Actions that run code, open other files or programs, or send data somewhere. Links and page jumps stay. */
const DANGEROUS_ACTIONS = new Set(['/JavaScript', '/Launch', '/ImportData', '/SubmitForm', '/GoToR', '/GoToE', '/Rendition', '/RichMediaExecute', '/Movie', '/Sound']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type QpdfObject = { value?: Json; stream?: { dict: Record<string, Json> } };

function isDictionary(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDangerousAction(value: Json | undefined): boolean {
  return isDictionary(value) && typeof value['/S'] === 'string' && DANGEROUS_ACTIONS.has(value['/S']);
}

/** The value without the removed keys and the dangerous inline actions, at every depth. */
function cleanedValue(value: Json): Json {
  if (Array.isArray(value)) return value.filter((item) => !isDangerousAction(item)).map(cleanedValue);
  if (!isDictionary(value)) return value;
  const result: { [key: string]: Json } = {};
  for (const [key, inner] of Object.entries(value)) {
    if (REMOVED_KEYS.has(key) || isDangerousAction(inner)) continue;
    result[key] = cleanedValue(inner);
  }
  return result;
}

/**
 * The objects that change, in qpdf's JSON update format. An indirect object that is itself a dangerous
 * action becomes null (every reference to it then reads as absent); the trailer loses /Info.
 */
export function cleanedObjects(objects: Record<string, QpdfObject>): Record<string, QpdfObject> {
  const changed: Record<string, QpdfObject> = {};
  for (const [key, object] of Object.entries(objects)) {
    if (key === 'trailer') {
      const trailer = isDictionary(object.value) ? object.value : {};
      const { ['/Info']: _info, ...rest } = trailer;
      changed.trailer = { value: rest };
      continue;
    }
    if (!key.startsWith('obj:')) continue;
    if (object.stream) {
      const dict = cleanedValue(object.stream.dict);
      if (JSON.stringify(dict) !== JSON.stringify(object.stream.dict) && isDictionary(dict)) changed[key] = { stream: { dict } };
      continue;
    }
    if (object.value === undefined) continue;
    const value = isDangerousAction(object.value) ? null : cleanedValue(object.value);
    if (JSON.stringify(value) !== JSON.stringify(object.value)) changed[key] = { value };
  }
  return changed;
}

type QpdfJson = { qpdf: [Record<string, Json>, Record<string, QpdfObject>] };

async function qpdf(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('qpdf', args, { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
    return stdout;
  } catch (error) {
    // execFile's error: `code` is the spawn error's name, or the exit status once qpdf ran.
    const failure = error as { code?: unknown; stderr?: unknown; stdout?: unknown; message?: unknown };
    if (failure.code === 'ENOENT') throw new PdfToolMissingError();
    // Exit status 3: qpdf repaired something and warned; the rewritten file is sound.
    if (failure.code === 3 && typeof failure.stdout === 'string') return failure.stdout;
    const detail = typeof failure.stderr === 'string' && failure.stderr ? failure.stderr : String(failure.message);
    throw new PdfRewriteError('unreadable', detail.split('\n')[0] ?? '');
  }
}

export async function rewritePdf(bytes: Uint8Array): Promise<Uint8Array> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'ouvidoria-pdf-'));
  const input = path.join(folder, 'in.pdf');
  const update = path.join(folder, 'update.json');
  const output = path.join(folder, 'out.pdf');
  try {
    await writeFile(input, bytes);
    // No password is ever tried: an encrypted PDF is refused before qpdf would open it with the empty one.
    const encryption = await qpdf(['--show-encryption', '--password=', input]).catch((error: unknown) => {
      if (error instanceof PdfRewriteError && /password/i.test(error.message)) throw new PdfRewriteError('encrypted', 'needs a password');
      throw error;
    });
    if (!/File is not encrypted/.test(encryption)) throw new PdfRewriteError('encrypted', 'encrypted');

    const json = JSON.parse(await qpdf(['--json-output=2', '--json-stream-data=none', input, '-'])) as QpdfJson;
    const [header, objects] = json.qpdf;
    await writeFile(update, JSON.stringify({ qpdf: [header, cleanedObjects(objects)] }));
    // Streams are copied as they are (no recompression): pages, images and fonts come out byte for byte.
    await qpdf([input, `--update-from-json=${update}`, '--stream-data=preserve', '--deterministic-id', output]);
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
