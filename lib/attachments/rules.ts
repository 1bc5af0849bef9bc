/** What may be attached to a demand: the formats, the sizes, and what each is called on the page. */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_MESSAGE = 5;
/**
 * The largest form post the server reads (`serverActions.bodySizeLimit` in next.config.ts, kept equal):
 * five files at the limit and the text. Past it Next.js answers with a bare error, so the browser checks
 * the files before sending (`filesOverLimits`), and the proxy refuses larger posts with a page that says why.
 */
export const MAX_FORM_POST_BYTES = 52 * 1024 * 1024;

export const ACCEPTED_FORMATS = {
  jpeg: { mime: 'image/jpeg', extension: 'jpg', label: 'imagem JPEG', photo: true },
  png: { mime: 'image/png', extension: 'png', label: 'imagem PNG', photo: true },
  webp: { mime: 'image/webp', extension: 'webp', label: 'imagem WebP', photo: true },
  heic: { mime: 'image/heic', extension: 'heic', label: 'foto HEIC', photo: true },
  pdf: { mime: 'application/pdf', extension: 'pdf', label: 'documento PDF', photo: false },
} as const;

export type AcceptedFormat = keyof typeof ACCEPTED_FORMATS;

/** The `accept` attribute for file inputs; the server decides by the bytes regardless. */
export const ACCEPT_ATTRIBUTE = '.jpg,.jpeg,.png,.webp,.heic,.heif,.pdf,image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf';

export const ATTACHMENT_HINT = 'Até 5 arquivos de até 10 MB cada: fotos (JPEG, PNG, WebP ou HEIC) ou documentos PDF.';

/** Said next to the citizen's file inputs: people worry about where their photos were taken. */
export const PHOTO_LOCATION_NOTE = 'A localização gravada nas fotos é removida.';

/**
 * A form post with an empty file input sends one nameless, empty file: that is "no file". Posted without
 * JavaScript it arrives named ''; through React's action encoding its missing name becomes 'undefined'.
 */
export function isChosenFile(file: { name: string; size: number }): boolean {
  return file.size > 0 || (file.name !== '' && file.name !== 'undefined');
}

/**
 * What the browser can tell before sending: too many files, or files too large. Said the way the server
 * says it, so that the message is the same with JavaScript or without.
 */
export function filesOverLimits(files: readonly { name: string; size: number }[]): string[] {
  const chosen = files.filter(isChosenFile);
  const problems: string[] = [];
  if (chosen.length > MAX_FILES_PER_MESSAGE) {
    problems.push(`Você escolheu ${chosen.length} arquivos; o limite é ${MAX_FILES_PER_MESSAGE} por mensagem. Remova ${chosen.length - MAX_FILES_PER_MESSAGE} e envie de novo.`);
  }
  for (const file of chosen) {
    if (file.size > MAX_FILE_BYTES) problems.push(`"${file.name}" tem ${formatMegabytes(file.size)}; o limite é ${formatMegabytes(MAX_FILE_BYTES)} por arquivo.`);
  }
  return problems;
}

/** Formats by what file-type reports for the bytes; HEIF-family photos from phones count as HEIC. */
const FORMAT_BY_DETECTED_MIME: Record<string, AcceptedFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heic-sequence': 'heic',
  'image/heif': 'heic',
  'image/heif-sequence': 'heic',
  'application/pdf': 'pdf',
};

export function formatOfDetectedMime(mime: string | undefined): AcceptedFormat | undefined {
  return mime ? FORMAT_BY_DETECTED_MIME[mime] : undefined;
}

/** Extensions people give these formats. An extension not listed here says nothing about the content. */
const FORMAT_BY_EXTENSION: Record<string, AcceptedFormat> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  webp: 'webp',
  heic: 'heic',
  heif: 'heic',
  pdf: 'pdf',
};

export function extensionOf(fileName: string): string {
  const match = /\.([^./\\]+)$/.exec(fileName);
  return match?.[1]?.toLowerCase() ?? '';
}

export function formatClaimedByName(fileName: string): AcceptedFormat | undefined {
  return FORMAT_BY_EXTENSION[extensionOf(fileName)];
}

/** A name safe to show and to send in Content-Disposition: no folders, no control characters, the right extension. */
export function storedFileName(originalName: string, format: AcceptedFormat): string {
  const base = originalName
    .split(/[/\\]/)
    .pop()
    ?.replace(/\.[^.]*$/, '')
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 100);
  return `${base || 'anexo'}.${ACCEPTED_FORMATS[format].extension}`;
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('pt-BR', { maximumFractionDigits: 1 })} MB`;
}
