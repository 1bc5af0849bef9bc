import 'server-only';
import PDFDocument from 'pdfkit';
import { municipality } from '@/lib/municipality';
import { REPORT_SECTIONS } from './annual-report-schema';
import type { AnnualReport } from './annual-report';
import { formatIsoDate } from './format';
import type { StatsTable } from './table-types';

/**
 * The annual report as a PDF, drawn with pdfkit's built-in Helvetica (WinAnsi covers Portuguese), so no
 * font file or browser is needed. The same sections and tables as the page.
 */
export function annualReportPdf(report: AnnualReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Relatório anual de gestão ${report.year}`, Author: municipality.prefeitura }, lang: 'pt-BR', displayTitle: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica').fontSize(10).fillColor('#334155').text(`${municipality.prefeitura} — Ouvidoria Municipal e Balcão da Cidadania`);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(20).fillColor('#0f172a').text(`Relatório anual de gestão ${report.year}`);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#334155')
    .text(
      `Manifestações recebidas de ${formatIsoDate(report.from)} a ${formatIsoDate(report.to)}${report.partial ? ' (ano em curso: números parciais)' : ''}. Lei nº 13.460/2017, arts. 14, II, e 15.`,
    );

  const heading = (text: string) => {
    doc.moveDown(1.2).font('Helvetica-Bold').fontSize(14).fillColor('#0f172a').text(text, doc.page.margins.left);
    doc.moveDown(0.3);
  };
  const prose = (text: string) => {
    const paragraphs = text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
    if (!paragraphs.length) paragraphs.push('Seção ainda não redigida pela Ouvidoria.');
    for (const paragraph of paragraphs) doc.font('Helvetica').fontSize(10).fillColor('#0f172a').text(paragraph, { align: 'justify' }).moveDown(0.5);
  };
  const table = (stats: StatsTable | undefined, maxColumns = 7) => {
    if (!stats) return;
    const columns = stats.columns.slice(0, maxColumns);
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).fillColor('#0f172a').text(stats.title, doc.page.margins.left);
    if (stats.description) doc.font('Helvetica').fontSize(8).fillColor('#334155').text(stats.description);
    doc.moveDown(0.3);
    if (!stats.rows.length) {
      doc.font('Helvetica').fontSize(9).text('Nenhuma manifestação no período.');
      return;
    }
    doc.font('Helvetica').fontSize(8).fillColor('#0f172a');
    doc.table({
      columnStyles: columns.map((column, index) => ({ width: index === 0 ? '*' : 62, align: { x: column.numeric ? 'right' : 'left', y: 'center' } })),
      defaultStyle: { padding: 3, border: 0.5, borderColor: '#94a3b8' },
      data: [
        columns.map((column) => ({ text: column.label, type: 'TH' as const, font: { src: 'Helvetica-Bold', size: 8 }, backgroundColor: '#e2e8f0' })),
        ...stats.rows.map((row) => row.slice(0, maxColumns).map((cell) => cell.display)),
      ],
    });
  };
  const sectionText = (name: (typeof REPORT_SECTIONS)[number]['name']) => report.sections[name];

  heading('1. Apresentação');
  prose(sectionText('presentation'));
  heading('2. Manifestações recebidas');
  table(report.tables.indicadores);
  table(report.tables.meses);
  table(report.tables.canais);
  heading('3. Motivos das manifestações');
  prose(sectionText('reasonsAnalysis'));
  table(report.tables.tipos);
  table(report.tables.assuntos);
  heading('4. Análise dos pontos recorrentes');
  prose(sectionText('recurringAnalysis'));
  table(report.tables.recorrentes);
  heading('5. Providências adotadas');
  prose(sectionText('measuresTaken'));
  heading('6. Desempenho por secretaria');
  table(report.tables.secretarias);
  table(report.tables['ranking-reclamacoes']);
  doc.end();
  return done;
}
