import 'server-only';
import PDFDocument from 'pdfkit';
import { formatDate, formatDateTime } from '@/lib/domain/labels';
import { municipality } from '@/lib/municipality';
import type { DataExport } from './export';

/**
 * The citizen's data export as a readable PDF, drawn like the annual report (pdfkit's built-in Helvetica,
 * no font file): the same content as the JSON, in plain Portuguese, one section per demand.
 */
export function dataExportPdf(data: DataExport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Meus dados', Author: municipality.prefeitura }, lang: 'pt-BR', displayTitle: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const heading = (text: string, size = 14) => {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(size).fillColor('#0f172a').text(text, left);
    doc.moveDown(0.2);
  };
  const field = (label: string, value: string | null | undefined) => {
    doc.font('Helvetica-Bold').fontSize(9).fillColor('#0f172a').text(`${label}: `, left, undefined, { continued: true });
    doc.font('Helvetica').text(value?.trim() ? value : '—');
  };
  const paragraph = (text: string) => doc.font('Helvetica').fontSize(9).fillColor('#0f172a').text(text, left, undefined, { align: 'left' });
  const when = (value: string | null) => (value ? formatDateTime(new Date(value)) : null);

  doc.font('Helvetica').fontSize(10).fillColor('#334155').text(`${municipality.prefeitura} — ${municipality.siteName}`);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(20).fillColor('#0f172a').text('Meus dados pessoais');
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#334155')
    .text(
      `Gerado em ${formatDateTime(new Date(data.generatedAt))}, a seu pedido (Lei 13.709/2018, art. 18, I e II, e art. 19, II). Controlador: ${data.controller}. Encarregado: ${data.dataProtectionOfficer.name} (${data.dataProtectionOfficer.email}).`,
    );

  heading('Sua conta');
  field('Nome', data.account.name);
  field('E-mail', data.account.email);
  field('E-mail confirmado em', when(data.account.emailConfirmedAt));
  field('Celular', data.account.phone);
  field('CPF', data.account.cpf);
  field('Conta criada em', when(data.account.createdAt));

  heading(`Seus pedidos (${data.demands.length})`);
  if (!data.demands.length) paragraph('Nenhum pedido ligado à sua conta.');
  for (const demand of data.demands) {
    heading(`Protocolo ${demand.protocol} — ${demand.kind}`, 12);
    field('Serviço', demand.service);
    field('Assunto', demand.category ? `${demand.category}: ${demand.subject}` : demand.subject);
    field('Identificação', demand.identity);
    field('Canal', demand.channel);
    field('Situação', demand.state);
    field('Secretaria', demand.department);
    field('Registrado em', when(demand.filedAt));
    field('Prazo', formatDate(demand.dueOn));
    if (demand.closedAt) field('Concluído em', when(demand.closedAt));
    if (demand.anonymisedAt) field('Dados do solicitante anonimizados em', when(demand.anonymisedAt));
    field('Endereço', demand.address);
    field('Bairro', demand.bairro);
    for (const [question, answer] of Object.entries(demand.answers)) field(question, answer);
    field('Nome informado', demand.requester.name);
    field('E-mail informado', demand.requester.email);
    field('Celular informado', demand.requester.phone);
    field('CPF informado', demand.requester.cpf);
    field('Avisos por WhatsApp', demand.consents.whatsappNotices ? 'sim' : 'não');
    if (demand.consents.profile) field('Perfil informado', Object.entries(demand.consents.profile).map(([question, answer]) => `${question}: ${answer}`).join('; '));
    if (demand.satisfaction) field('Sua avaliação', `${demand.satisfaction.rating} de 5${demand.satisfaction.comment ? ` — ${demand.satisfaction.comment}` : ''}`);
    doc.moveDown(0.3);
    field('Descrição', demand.description);
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text('Andamento', left);
    for (const event of demand.events) {
      paragraph(`${when(event.at)} — ${event.what} (${event.by})${event.text ? `: ${event.text}` : ''}`);
      for (const file of event.files) paragraph(`   Anexo: ${file.name} — ${file.href}`);
    }
  }

  heading('Contatos de WhatsApp com o seu número');
  if (!data.whatsappContacts.length) paragraph('Nenhum.');
  for (const contact of data.whatsappContacts) {
    paragraph(`${contact.phone ?? 'sem número'}${contact.profileName ? ` (${contact.profileName})` : ''} — primeiro contato em ${when(contact.firstContactAt)}; última mensagem em ${when(contact.lastMessageAt) ?? '—'}.`);
  }

  heading('Seus pedidos ao encarregado');
  if (!data.dataProtectionRequests.length) paragraph('Nenhum.');
  for (const request of data.dataProtectionRequests) {
    paragraph(`${when(request.filedAt)} — ${request.scope}. Situação: ${request.state} (prazo ${formatDate(request.dueOn)}).${request.decision ? ` Decisão: ${request.decision}` : ''}`);
  }

  heading('O que não guardamos');
  paragraph(data.notHeldByUs);
  doc.end();
  return done;
}
