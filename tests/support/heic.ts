/**
 * A minimal HEIC file built box by box: `ftyp` (brand heic), `meta` with an HEVC image item and an Exif
 * item, and `mdat` holding both. Its "image" bytes are not a real HEVC stream — nothing here decodes
 * HEIC — but its container is what phones write, which is what the metadata blanking walks.
 */

function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const length = 8 + parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint32(0, length);
  out.set(new TextEncoder().encode(type), 4);
  let at = 8;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function bytes(...values: (number | string)[]): Uint8Array {
  const out: number[] = [];
  for (const value of values) {
    if (typeof value === 'string') out.push(...new TextEncoder().encode(value));
    else out.push(value);
  }
  return Uint8Array.from(out);
}

function u16(value: number) {
  return [(value >> 8) & 0xff, value & 0xff];
}

function u32(value: number) {
  return [(value >>> 24) & 0xff, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

export function syntheticHeic(exif: Uint8Array, image = new TextEncoder().encode('HEVC-PIXELS-'.repeat(20))): Uint8Array {
  const ftyp = box('ftyp', bytes('heic', ...u32(0), 'mif1', 'heic'));
  const hdlr = box('hdlr', bytes(...u32(0), ...u32(0), 'pict', ...u32(0), ...u32(0), ...u32(0), 0));
  const pitm = box('pitm', bytes(...u32(0), ...u16(1)));
  const infe = (id: number, type: string) => box('infe', bytes(2, 0, 0, 0, ...u16(id), ...u16(0), type, 0));
  const iinf = box('iinf', bytes(...u32(0), ...u16(2)), infe(1, 'hvc1'), infe(2, 'Exif'));
  const ilocFor = (imageOffset: number, exifOffset: number) =>
    box(
      'iloc',
      bytes(...u32(0), 0x44, 0x00, ...u16(2)),
      bytes(...u16(1), ...u16(0), ...u16(1), ...u32(imageOffset), ...u32(image.length)),
      bytes(...u16(2), ...u16(0), ...u16(1), ...u32(exifOffset), ...u32(exif.length)),
    );
  // The iloc's size does not depend on the offsets it holds, so lay out once with zeros, then for real.
  const metaLength = box('meta', bytes(...u32(0)), hdlr, pitm, iinf, ilocFor(0, 0)).length;
  const mdatStart = ftyp.length + metaLength + 8;
  const meta = box('meta', bytes(...u32(0)), hdlr, pitm, iinf, ilocFor(mdatStart, mdatStart + image.length));
  const mdat = box('mdat', image, exif);
  const file = new Uint8Array(ftyp.length + meta.length + mdat.length);
  file.set(ftyp, 0);
  file.set(meta, ftyp.length);
  file.set(mdat, ftyp.length + meta.length);
  return file;
}
