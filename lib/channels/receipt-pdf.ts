import 'server-only';
import PDFDocument from 'pdfkit';
import type { IntakeReceipt } from '@/components/demand/receipt';
import { formatDate, formatDateTime } from '@/lib/domain/labels';
import { municipality } from '@/lib/municipality';

/** The file name a receipt downloads as: the protocol, with only characters every file system takes. */
export function receiptFileName(protocol: string): string {
  return `recibo-${protocol.replace(/[^A-Za-z0-9-]/g, '-')}.pdf`;
}

/**
 * The receipt a citizen keeps, drawn like the other PDFs (pdfkit's built-in Helvetica, no font file):
 * protocol, access code (only when the receipt carries it, i.e. right after filing), deadline, what was
 * filed and the names of the files sent with it.
 */
export function receiptPdf(receipt: IntakeReceipt, generatedAt = new Date()): Promise<Buffer> {
  const isOuvidoria = receipt.service === 'ouvidoria';
  const title = isOuvidoria ? 'Recibo da manifestação' : 'Recibo do pedido';
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${title} ${receipt.protocol}`, Author: municipality.prefeitura }, lang: 'pt-BR', displayTitle: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const ink = '#0f172a';
  const field = (label: string, value: string) => {
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10).fillColor(ink).text(label, left);
    doc.font('Helvetica').fontSize(11).text(value, left);
  };

  doc.font('Helvetica').fontSize(10).fillColor('#334155').text(`${municipality.prefeitura} — ${municipality.siteName}`);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(20).fillColor(ink).text(title);
  doc.font('Helvetica').fontSize(10).fillColor('#334155').text(`Gerado em ${formatDateTime(generatedAt)}. Guarde este recibo: é com o protocolo que você acompanha o andamento.`);

  doc.moveDown(1).font('Helvetica-Bold').fontSize(10).fillColor(ink).text('Número do protocolo');
  doc.font('Courier-Bold').fontSize(22).text(receipt.protocol);
  if (receipt.accessCode) {
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text('Código de acesso');
    doc.font('Courier-Bold').fontSize(18).text(receipt.accessCode);
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#334155')
      .text('Ele não é mostrado de novo e não pode ser recuperado: guarde este arquivo em lugar seguro e não o compartilhe.');
  }

  field(isOuvidoria ? 'Tipo' : 'Serviço', receipt.what);
  field('Prazo para resposta', `até ${formatDate(receipt.dueOn)} (${receipt.deadlineDays} dias${receipt.deadlineBasis ? `, ${receipt.deadlineBasis}` : ''})`);
  field('Responsável', receipt.departmentName ?? 'A Ouvidoria analisa a manifestação e a encaminha à secretaria responsável.');
  if (receipt.addressLine) field('Endereço', receipt.addressLine);
  field('Descrição', receipt.description);
  const count = receipt.attachmentNames.length;
  field('Anexos', count === 0 ? 'Nenhum arquivo enviado.' : count === 1 ? '1 arquivo recebido:' : `${count} arquivos recebidos:`);
  for (const name of receipt.attachmentNames) doc.font('Helvetica').fontSize(11).text(`• ${name}`, left + 10);

  const appUrl = (process.env.APP_URL ?? '').trim().replace(/\/$/, '');
  const how = receipt.trackWith === 'access_code' ? 'o código de acesso' : receipt.trackWith === 'email' ? 'o e-mail que você informou' : 'o celular que você informou';
  doc.moveDown(1).font('Helvetica-Bold').fontSize(12).fillColor(ink).text('Como acompanhar', left);
  doc.font('Helvetica').fontSize(10).text(`Na página Acompanhar protocolo${appUrl ? ` (${appUrl}/acompanhar)` : ''}, informe o protocolo e ${how}.`);
  doc.end();
  return done;
}
