/**
 * Blanks the Exif and XMP items of a HEIC/HEIF photo in place, leaving the picture untouched.
 *
 * Why not re-encode it like the other photos: sharp's prebuilt libvips reads HEIF only with the AV1
 * codec (AVIF), not the HEVC codec phones use for HEIC, so a HEIC cannot be decoded on the server. It is
 * kept as uploaded, but its metadata items — where phones put the GPS position — are overwritten with
 * zeros. The file layout (ISO/IEC 14496-12 boxes, ISO/IEC 23008-12 items) is walked just far enough to
 * find them: meta → iinf/infe (which items are Exif or XMP) and meta → iloc (where their bytes are).
 */

export class HeifStructureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeifStructureError';
  }
}

type Box = { type: string; start: number; contentStart: number; end: number };

function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

class Reader {
  constructor(
    private readonly view: DataView,
    public position: number,
    private readonly end: number,
  ) {}

  private need(size: number) {
    if (this.position + size > this.end) throw new HeifStructureError('truncated box');
  }

  uint(size: number): number {
    this.need(size);
    let value: number;
    if (size === 0) value = 0;
    else if (size === 1) value = this.view.getUint8(this.position);
    else if (size === 2) value = this.view.getUint16(this.position);
    else if (size === 4) value = this.view.getUint32(this.position);
    else if (size === 8) {
      const big = this.view.getBigUint64(this.position);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new HeifStructureError('offset too large');
      value = Number(big);
    } else throw new HeifStructureError(`unsupported field size ${size}`);
    this.position += size;
    return value;
  }

  skip(size: number): void {
    this.need(size);
    this.position += size;
  }

  string(): string {
    const start = this.position;
    while (this.position < this.end && this.view.getUint8(this.position) !== 0) this.position++;
    const text = new TextDecoder().decode(new Uint8Array(this.view.buffer, this.view.byteOffset + start, this.position - start));
    if (this.position < this.end) this.position++;
    return text;
  }
}

function* childBoxes(bytes: Uint8Array, view: DataView, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    const type = fourCC(bytes, at + 4);
    let headerSize = 8;
    if (size === 1) {
      if (at + 16 > end) throw new HeifStructureError('truncated large box');
      const big = view.getBigUint64(at + 8);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new HeifStructureError('box too large');
      size = Number(big);
      headerSize = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < headerSize || at + size > end) throw new HeifStructureError(`bad size for box ${type}`);
    yield { type, start: at, contentStart: at + headerSize, end: at + size };
    at += size;
  }
}

function findChild(bytes: Uint8Array, view: DataView, parent: { contentStart: number; end: number }, type: string, skip = 0): Box | undefined {
  for (const box of childBoxes(bytes, view, parent.contentStart + skip, parent.end)) if (box.type === type) return box;
  return undefined;
}

/** Item ids whose content is Exif or XMP. */
function metadataItemIds(bytes: Uint8Array, view: DataView, iinf: Box): Set<number> {
  const reader = new Reader(view, iinf.contentStart, iinf.end);
  const version = reader.uint(1);
  reader.skip(3);
  reader.uint(version === 0 ? 2 : 4);
  const ids = new Set<number>();
  for (const infe of childBoxes(bytes, view, reader.position, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const entry = new Reader(view, infe.contentStart, infe.end);
    const infeVersion = entry.uint(1);
    entry.skip(3);
    if (infeVersion < 2) {
      const itemId = entry.uint(2);
      entry.uint(2);
      entry.string();
      if (entry.string() === 'application/rdf+xml') ids.add(itemId);
      continue;
    }
    const itemId = entry.uint(infeVersion === 2 ? 2 : 4);
    entry.uint(2);
    const itemType = fourCC(bytes, entry.position);
    entry.skip(4);
    entry.string();
    if (itemType === 'Exif') ids.add(itemId);
    if (itemType === 'mime' && entry.string() === 'application/rdf+xml') ids.add(itemId);
  }
  return ids;
}

type Range = { from: number; to: number };

/** Where the bytes of the given items lie in the file. */
function itemRanges(view: DataView, iloc: Box, ids: Set<number>, idat: Box | undefined, fileLength: number): Range[] {
  const reader = new Reader(view, iloc.contentStart, iloc.end);
  const version = reader.uint(1);
  reader.skip(3);
  const sizes = reader.uint(1);
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 0x0f;
  const more = reader.uint(1);
  const baseOffsetSize = more >> 4;
  const indexSize = version === 1 || version === 2 ? more & 0x0f : 0;
  const itemCount = reader.uint(version < 2 ? 2 : 4);
  const ranges: Range[] = [];
  for (let i = 0; i < itemCount; i++) {
    const itemId = reader.uint(version < 2 ? 2 : 4);
    const constructionMethod = version === 1 || version === 2 ? reader.uint(2) & 0x0f : 0;
    reader.uint(2);
    const baseOffset = reader.uint(baseOffsetSize);
    const extentCount = reader.uint(2);
    for (let e = 0; e < extentCount; e++) {
      if (indexSize > 0) reader.uint(indexSize);
      const offset = reader.uint(offsetSize);
      const length = reader.uint(lengthSize);
      if (!ids.has(itemId)) continue;
      if (constructionMethod === 2) throw new HeifStructureError('metadata item built from other items');
      if (constructionMethod === 1 && !idat) throw new HeifStructureError('metadata in a missing idat box');
      const origin = constructionMethod === 1 && idat ? idat.contentStart : 0;
      const from = origin + baseOffset + offset;
      const to = length === 0 ? (constructionMethod === 1 && idat ? idat.end : fileLength) : from + length;
      if (from < 0 || to > fileLength || to < from) throw new HeifStructureError('metadata extent outside the file');
      ranges.push({ from, to });
    }
  }
  return ranges;
}

/** A copy of the photo with its Exif and XMP bytes zeroed, and how many bytes were blanked. */
export function blankHeifMetadata(input: Uint8Array): { bytes: Uint8Array; blankedBytes: number } {
  const bytes = new Uint8Array(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = { contentStart: 0, end: bytes.length };
  if (!findChild(bytes, view, top, 'ftyp')) throw new HeifStructureError('no ftyp box');
  const meta = findChild(bytes, view, top, 'meta');
  if (!meta) throw new HeifStructureError('no meta box');
  const metaChildren = { contentStart: meta.contentStart + 4, end: meta.end };
  const iinf = findChild(bytes, view, metaChildren, 'iinf');
  const iloc = findChild(bytes, view, metaChildren, 'iloc');
  if (!iinf || !iloc) throw new HeifStructureError('no item information or location');
  const ids = metadataItemIds(bytes, view, iinf);
  if (ids.size === 0) return { bytes, blankedBytes: 0 };
  const ranges = itemRanges(view, iloc, ids, findChild(bytes, view, metaChildren, 'idat'), bytes.length);
  let blankedBytes = 0;
  for (const { from, to } of ranges) {
    bytes.fill(0, from, to);
    blankedBytes += to - from;
  }
  return { bytes, blankedBytes };
}
