import 'server-only';
import PDFDocument from 'pdfkit';
import { appUrl } from '@/lib/delivery/config';
import { listCharterEntries } from '@/lib/db/queries/service-charter';
import {
  CHARTER_CHANNEL_LABELS,
  CHARTER_CSV_HEADER,
  charterCsvRow,
  charterDeadlineLabel,
  charterOpenRecord,
  lifeEventLabel,
  type CharterEntry,
  type CharterOpenRecord,
} from '@/lib/domain/service-charter';
import { formatDate, formatDateTime } from '@/lib/domain/labels';
import { csvDocument } from '@/lib/stats/csv';
import { municipality } from '@/lib/municipality';
import { CHARTER_PATH, charterEntryPath, COMPLAINT_PATH } from './paths';


/** The whole published Carta as open records (art. 7 §3: available on the internet), absolute links. */
export async function charterOpenRecords(): Promise<CharterOpenRecord[]> {
  const base = appUrl();
  return (await listCharterEntries()).map((entry) =>
    charterOpenRecord(entry, {
      page: `${base}${charterEntryPath(entry.slug)}`,
      balcaoForm: entry.balcaoSlug ? `${base}/balcao/${entry.balcaoSlug}` : null,
      complaint: `${base}${COMPLAINT_PATH}`,
    }),
  );
}

const downloadHeaders = (type: string, name: string) => ({
  'Content-Type': type,
  'Content-Disposition': `attachment; filename="${name}"`,
  'Cache-Control': 'public, max-age=300',
});

export async function charterJsonResponse(): Promise<Response> {
  const records = await charterOpenRecords();
  const body = { municipio: `${municipality.name}/${municipality.state}`, prefeitura: municipality.prefeitura, gerado_em: new Date().toISOString(), servicos: records };
  return new Response(JSON.stringify(body, null, 2), { headers: downloadHeaders('application/json; charset=utf-8', 'carta-de-servicos.json') });
}

export async function charterCsvResponse(): Promise<Response> {
  const records = await charterOpenRecords();
  return new Response(csvDocument(CHARTER_CSV_HEADER, records.map(charterCsvRow)), { headers: downloadHeaders('text/csv; charset=utf-8', 'carta-de-servicos.csv') });
}

export async function charterPdfResponse(): Promise<Response> {
  const pdf = await charterPdf(await listCharterEntries());
  return new Response(new Uint8Array(pdf), { headers: { ...downloadHeaders('application/pdf', 'carta-de-servicos.pdf'), 'Cache-Control': 'no-store' } });
}

/**
 * The Carta as a printable PDF, drawn like the annual report (lib/stats/annual-report-pdf.ts): pdfkit's
 * built-in Helvetica (WinAnsi covers Portuguese), no font file or browser needed. One section per service.
 */
export function charterPdf(entries: CharterEntry[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Carta de Serviços ao Usuário', Author: municipality.prefeitura }, lang: 'pt-BR', displayTitle: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = () => doc.page.margins.left;
  const label = (text: string) => doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10).fillColor('#0f172a').text(text, left());
  const prose = (text: string) => doc.font('Helvetica').fontSize(10).fillColor('#0f172a').text(text, left(), undefined, { align: 'left' });
  const list = (items: string[], numbered = false) => {
    if (items.length === 0) return prose('Nenhum.');
    items.forEach((item, index) => prose(`${numbered ? `${index + 1}.` : '•'} ${item}`));
  };

  doc.font('Helvetica').fontSize(10).fillColor('#334155').text(`${municipality.prefeitura} — ${municipality.name}/${municipality.state}`);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(20).fillColor('#0f172a').text('Carta de Serviços ao Usuário');
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#334155')
    .text(
      `Lei nº 13.460/2017, art. 7º. ${entries.length} serviços. Gerada em ${formatDateTime(new Date())}. Versão atualizada em ${appUrl()}${CHARTER_PATH}. ` +
        `Para reclamar de um serviço, procure a Ouvidoria: ${municipality.ouvidoria.tollFree ?? municipality.ouvidoria.phones[0]}, ${municipality.ouvidoria.email} ou ${appUrl()}${COMPLAINT_PATH}.`,
    );

  for (const entry of entries) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(16).fillColor('#0f172a').text(entry.name, left());
    doc.font('Helvetica').fontSize(9).fillColor('#334155').text(`${entry.departmentName} · Atualizada em ${formatDate(entry.updatedAt)}`);
    label('O que é');
    prose(entry.summary);
    label('Quem pode pedir');
    prose(entry.audience);
    label('Requisitos');
    list(entry.requirements);
    label('Documentos necessários');
    list(entry.documents);
    label('Etapas');
    list(entry.steps, true);
    label('Prazo');
    prose(charterDeadlineLabel(entry));
    label('Formas de atendimento');
    prose(entry.channels.map((channel) => CHARTER_CHANNEL_LABELS[channel]).join('; ') + (entry.balcaoSlug ? ` — pedido online em ${appUrl()}/balcao/${entry.balcaoSlug}` : ''));
    label('Atendimento prioritário');
    prose(entry.priorityRules);
    label('Tempo de espera previsto');
    prose(entry.expectedWait);
    label('Taxas');
    prose(entry.fees);
    label('Onde e quando');
    prose(`${entry.location}. ${entry.hours}.`);
    if (entry.lifeEvents.length) {
      label('Eventos da vida');
      prose(entry.lifeEvents.map((slug) => lifeEventLabel(slug) ?? slug).join(', '));
    }
    label('Como reclamar');
    prose(`Ouvidoria Municipal: ${appUrl()}${COMPLAINT_PATH} · ${municipality.ouvidoria.phones.join(' / ')} · ${municipality.ouvidoria.email}.`);
  }
  doc.end();
  return done;
}
