import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts.js';

export type Pdf = InstanceType<typeof PDFDocument>;

/**
 * An A4 document with DejaVu Sans registered as 'body', collected into a Buffer. One face
 * only: a bold subset adds about 8 KB to every voucher, so emphasis is size and ink.
 */
export function newPdf(options: { layout?: 'portrait' | 'landscape'; title: string }): { doc: Pdf; finished: Promise<Buffer> } {
  const fonts = documentFonts();
  const doc = new PDFDocument({
    // No starting font: pdfkit would parse Helvetica's metrics for every document. Our face
    // is then opened once, under 'body'; opening it in the constructor too made every later
    // doc.font('body') open it again and compare the two (a JSON dump of its name table).
    font: null as never,
    size: 'A4',
    layout: options.layout ?? 'portrait',
    margin: 48,
    bufferPages: true,
    info: { Title: options.title, Producer: 'tourdesk', Creator: 'tourdesk' },
  });
  doc.registerFont('body', fonts.regular as never);
  doc.font('body');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, finished };
}

/** "Page n of N" at the foot of every page, once the page count is known. */
export function numberPages(doc: Pdf, label: (n: number, total: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    const bottom = doc.page.height - 30;
    doc.font('body').fontSize(8).fillColor('#666').text(label(i + 1, range.count), 48, bottom, {
      width: doc.page.width - 96,
      align: 'right',
      lineBreak: false,
    });
  }
}
