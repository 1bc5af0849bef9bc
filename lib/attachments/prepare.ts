import 'server-only';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { blankHeifMetadata, HeifStructureError } from './heif-metadata';
import { withFileJobSlot } from './job-slots';
import { PdfRewriteError, PdfToolMissingError, rewritePdf } from './pdf';
import {
  ACCEPTED_FORMATS,
  extensionOf,
  formatClaimedByName,
  formatMegabytes,
  formatOfDetectedMime,
  isChosenFile,
  MAX_FILE_BYTES,
  MAX_FILES_PER_MESSAGE,
  storedFileName,
  type AcceptedFormat,
} from './rules';

/**
 * Turns what a citizen or a staff member uploaded into files safe to keep: the type decided by the
 * bytes (never the name or the browser's word), the limits enforced, photos re-encoded so that no EXIF
 * or GPS data survives. Every problem is reported per file, in Portuguese, before anything is stored.
 */

/** A browser `File`, or anything shaped like one (WhatsApp media, tests). */
export type IncomingFile = { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> };

export type PreparedFile = { fileName: string; format: AcceptedFormat; contentType: string; bytes: Uint8Array };

export type PreparedFiles = { ok: true; files: PreparedFile[] } | { ok: false; errors: string[] };

const MAX_PHOTO_SIDE = 4096;
/**
 * About 40 megapixels: above any phone camera's photo, far below what decoding a crafted 16k×16k PNG takes
 * (a gigabyte of memory for a few kilobytes sent). sharp refuses larger images from their header, before
 * decoding them.
 */
export const MAX_PHOTO_PIXELS = 40_000_000;

export function chosenFiles(files: readonly IncomingFile[]): IncomingFile[] {
  return files.filter(isChosenFile);
}

export async function prepareFiles(input: readonly IncomingFile[]): Promise<PreparedFiles> {
  const files = chosenFiles(input);
  if (files.length > MAX_FILES_PER_MESSAGE) {
    return {
      ok: false,
      errors: [`Você escolheu ${files.length} arquivos; o limite é ${MAX_FILES_PER_MESSAGE} por mensagem. Remova ${files.length - MAX_FILES_PER_MESSAGE} e envie de novo.`],
    };
  }
  const results = await Promise.all(files.map(prepareOne));
  const errors = results.flatMap((result) => ('error' in result ? [result.error] : []));
  if (errors.length) return { ok: false, errors };
  return { ok: true, files: results.flatMap((result) => ('file' in result ? [result.file] : [])) };
}

/**
 * Each file on its own, for a channel that cannot send the whole message back (WhatsApp): the files that
 * pass, and why each of the others did not, in a few words (`reason`) and as a sentence (`error`).
 */
export async function prepareEachFile(input: readonly IncomingFile[]): Promise<{ accepted: PreparedFile[]; refused: { name: string; reason: string; error: string }[] }> {
  const files = chosenFiles(input);
  const results = await Promise.all(files.slice(0, MAX_FILES_PER_MESSAGE).map(prepareOne));
  const accepted = results.flatMap((result) => ('file' in result ? [result.file] : []));
  const refused = results.flatMap((result, index) => ('error' in result ? [{ name: nameOf(files[index]), reason: result.reason, error: result.error }] : []));
  for (const extra of files.slice(MAX_FILES_PER_MESSAGE)) {
    refused.push({ name: nameOf(extra), reason: `no máximo ${MAX_FILES_PER_MESSAGE} arquivos`, error: `"${nameOf(extra)}" passou do limite de ${MAX_FILES_PER_MESSAGE} arquivos por mensagem.` });
  }
  return { accepted, refused };
}

type Refusal = { error: string; reason: string };

function nameOf(file: IncomingFile | undefined): string {
  return file?.name || 'arquivo sem nome';
}

async function prepareOne(file: IncomingFile): Promise<{ file: PreparedFile } | Refusal> {
  const name = nameOf(file);
  const tooLarge = { reason: `maior que ${formatMegabytes(MAX_FILE_BYTES)}` };
  if (file.size > MAX_FILE_BYTES) {
    return { ...tooLarge, error: `"${name}" tem ${formatMegabytes(file.size)}; o limite é ${formatMegabytes(MAX_FILE_BYTES)} por arquivo.` };
  }
  const original = new Uint8Array(await file.arrayBuffer());
  if (original.byteLength === 0) return { reason: 'arquivo vazio', error: `"${name}" está vazio.` };
  if (original.byteLength > MAX_FILE_BYTES) {
    return { ...tooLarge, error: `"${name}" tem ${formatMegabytes(original.byteLength)}; o limite é ${formatMegabytes(MAX_FILE_BYTES)} por arquivo.` };
  }

  const detected = await fileTypeFromBuffer(original);
  const format = formatOfDetectedMime(detected?.mime);
  if (!format) {
    return {
      reason: 'tipo de arquivo não aceito',
      error: `"${name}" não é uma foto (JPEG, PNG, WebP ou HEIC) nem um documento PDF: o conteúdo do arquivo não corresponde a nenhum desses formatos.`,
    };
  }
  const claimed = formatClaimedByName(name);
  if (claimed && claimed !== format) {
    return {
      reason: 'a extensão não confere com o conteúdo',
      error: `"${name}" tem a extensão .${extensionOf(name)}, mas o conteúdo é de uma ${ACCEPTED_FORMATS[format].label}. Confira se escolheu o arquivo certo ou corrija a extensão para .${ACCEPTED_FORMATS[format].extension}.`,
    };
  }

  try {
    const bytes = await withFileJobSlot(() => cleaned(format, original));
    return { file: { fileName: storedFileName(name, format), format, contentType: ACCEPTED_FORMATS[format].mime, bytes } };
  } catch (error) {
    if (error instanceof PdfToolMissingError) throw error;
    if (error instanceof PdfRewriteError && error.reason === 'encrypted') {
      return {
        reason: 'PDF protegido por senha',
        error: `"${name}" está protegido por senha ou criptografado, e a equipe não conseguiria abri-lo. Abra o arquivo, salve uma cópia sem senha (por exemplo, em Imprimir > Salvar como PDF) e envie essa cópia.`,
      };
    }
    if (error instanceof PdfRewriteError) {
      return { reason: 'PDF danificado', error: `"${name}" parece danificado e não pôde ser lido como PDF. Tente exportar o documento de novo e envie o novo arquivo.` };
    }
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      return {
        reason: 'imagem grande demais',
        error: `A imagem "${name}" tem resolução grande demais (mais de ${MAX_PHOTO_PIXELS / 1_000_000} megapixels). Envie uma foto tirada pelo celular ou reduza o tamanho da imagem.`,
      };
    }
    if (error instanceof HeifStructureError) {
      return { reason: 'não foi possível remover a localização da foto', error: `Não conseguimos remover os dados de localização da foto "${name}". Envie a foto em JPEG (na câmera do celular, escolha "Mais compatível").` };
    }
    return { reason: 'arquivo danificado', error: `"${name}" parece danificado e não pôde ser lido. Tente exportar o arquivo de novo.` };
  }
}

/** Re-encodes photos (which drops every metadata block, EXIF and GPS included); rewrites PDFs without metadata or scripts. */
async function cleaned(format: AcceptedFormat, bytes: Uint8Array): Promise<Uint8Array> {
  if (format === 'pdf') return rewritePdf(bytes);
  if (format === 'heic') return blankHeifMetadata(bytes).bytes;
  // rotate() first applies the EXIF orientation to the pixels, since the EXIF itself is about to go.
  const image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS })
    .rotate()
    .resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true });
  const encoded = format === 'jpeg' ? image.jpeg({ quality: 85 }) : format === 'png' ? image.png() : image.webp({ quality: 85 });
  return new Uint8Array(await encoded.toBuffer());
}
