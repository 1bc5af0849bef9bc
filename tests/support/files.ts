import sharp from 'sharp';

/** The upload corpus, generated: nothing binary is checked in. */

export function fileOf(name: string, content: Uint8Array | string, type = ''): File {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return new File([new Uint8Array(bytes)], name, { type });
}

/** A JPEG photo carrying camera and GPS EXIF tags, as phones write them. */
export async function jpegWithGps(): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'CameraDeTeste', Model: 'Modelo-X1', Software: 'Celular-GPS-Teste' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '22/1 53/1 4400/100', GPSLongitudeRef: 'W', GPSLongitude: '48/1 26/1 4300/100' },
    })
    .toBuffer();
  return new Uint8Array(buffer);
}

export async function pngImage(): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 4, background: '#0b4f8a' } }).png().toBuffer());
}

export async function webpImage(): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#b45309' } }).webp().toBuffer());
}

/** A small, valid one-page PDF. */
export function pdfDocument(text = 'Comprovante de teste'): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 12 Tf 10 50 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export const htmlPage = '<!doctype html><html><body><script>alert(document.cookie)</script><p>Olá</p></body></html>';

export const svgWithScript =
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>';
