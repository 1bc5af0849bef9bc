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

/** A PDF built from raw objects, with an xref table and trailer; `trailer` is added to the trailer dictionary. */
function rawPdf(objects: string[], trailer: string, version = '1.7'): string {
  let body = `%PDF-${version}\n`;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return body;
}

/** What `pdfCarryingIdentity` hides in the file, and what must still be readable after cleaning. */
export const PDF_IDENTITY = {
  author: 'Joana Denunciante Sigilosa',
  creator: 'Computador-da-Joana',
  producer: 'Editor-Pessoal-Joana 3.1',
  xmpCreator: 'joana.sigilosa@exemplo.org',
  previousAuthor: 'Joana S. (revisao anterior)',
  scripts: ['OPENACTION_SCRIPT', 'CATALOG_AA_SCRIPT', 'NAMED_SCRIPT', 'PAGE_OPEN_SCRIPT', 'FIELD_KEY_SCRIPT', 'LINK_SCRIPT'],
  visibleText: 'Nota fiscal 4471 da obra na Rua Amando de Barros',
  fieldName: 'valor_pago',
  fieldValue: 'R$ 12.500,00',
} as const;

/**
 * A one-page PDF as a word processor on the filer's computer might leave it: /Author, /Creator and
 * /Producer, XMP metadata naming them, scripts run on opening (/OpenAction, /AA, the /JavaScript name tree),
 * scripts on a link and a form field, a launch action, an embedded file, and an earlier revision (an
 * incremental save) holding an older /Author. It also has visible text and a filled form field.
 */
export function pdfCarryingIdentity(): Uint8Array {
  const id = PDF_IDENTITY;
  const xmp =
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${id.xmpCreator}</rdf:li></rdf:Seq></dc:creator></rdf:Description>` +
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
  const content = `BT /F1 10 Tf 10 60 Td (${id.visibleText}) Tj ET`;
  const embedded = 'arquivo anexo escondido';
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R /OpenAction 8 0 R /AA << /WC << /S /JavaScript /JS (${id.scripts[1]}) >> >> /Names << /JavaScript 9 0 R /EmbeddedFiles << /Names [(x.txt) 12 0 R] >> >> /AcroForm << /Fields [10 0 R] /DA (/Helv 0 Tf 0 g) >> >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [10 0 R 11 0 R] /AA << /O << /S /JavaScript /JS (${id.scripts[3]}) >> >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Author (${id.author}) /Creator (${id.creator}) /Producer (${id.producer}) >>`,
    `<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream`,
    `<< /S /JavaScript /JS (${id.scripts[0]}) /Next << /S /Launch /F (cmd.exe) >> >>`,
    `<< /Names [(abrir) << /S /JavaScript /JS (${id.scripts[2]}) >>] >>`,
    `<< /Type /Annot /Subtype /Widget /FT /Tx /T (${id.fieldName}) /V (${id.fieldValue}) /Rect [10 10 200 30] /P 3 0 R /AA << /K << /S /JavaScript /JS (${id.scripts[4]}) >> >> >>`,
    `<< /Type /Annot /Subtype /Link /Rect [250 10 390 30] /A << /S /JavaScript /JS (${id.scripts[5]}) >> >>`,
    `<< /Type /Filespec /F (x.txt) /EF << /F 13 0 R >> >>`,
    `<< /Length ${embedded.length} >>\nstream\n${embedded}\nendstream`,
  ];
  // First saved with an older /Author; the last save appended a new Info object (an incremental update),
  // so the older one is still in the bytes, unreferenced.
  const first = rawPdf(objects.map((object, i) => (i === 5 ? `<< /Author (${id.previousAuthor}) >>` : object)), '/Info 6 0 R');
  const previousXref = /startxref\n(\d+)\n%%EOF\n$/.exec(first)?.[1] ?? '0';
  const updateOffset = Buffer.byteLength(first, 'latin1');
  const update = `6 0 obj\n${objects[5]}\nendobj\n`;
  const xref = updateOffset + Buffer.byteLength(update, 'latin1');
  const tail = `xref\n6 1\n${String(updateOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R /Prev ${previousXref} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(first + update + tail, 'latin1'));
}
