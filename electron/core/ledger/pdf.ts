// The Z-report as a PDF (spec §9): the printout's layout drawn by pdfkit with the shipped CJK font, so hanzi
// come out as hanzi (environment.md: built-in fonts print wrong glyphs silently).
import PDFDocument from 'pdfkit';
import { zItems, type ZInput } from '../receipts/zreport';

/** The PostScript name of the face inside the .ttc (pdfkit needs it for a collection). */
const FACE = 'WenQuanYiMicroHei';

export function zPdf(r: ZInput, fontFile: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 64, right: 64 },
    info: { Title: `Z ${r.z.businessDate}`, Author: r.z.shop.name },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontFile, FACE);
  doc.font('cjk');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const valueWidth = 180;
  for (const it of zItems(r)) {
    if (it.t === 'title') doc.fontSize(18).text(it.text, { align: 'center' });
    else if (it.t === 'banner') doc.fontSize(13).text(it.text, { align: 'center' }).moveDown(0.3);
    else if (it.t === 'rule') {
      doc.moveDown(0.2);
      doc
        .moveTo(left, doc.y)
        .lineTo(left + width, doc.y)
        .lineWidth(0.5)
        .stroke();
      doc.moveDown(0.3);
    } else if (it.t === 'section') doc.moveDown(0.4).fontSize(12).text(it.text, left).moveDown(0.1);
    else if (it.t === 'text') doc.fontSize(10).text(it.text, left, undefined, { width });
    else {
      // A row's label and value stay on one page: pdfkit would carry an overflowing label alone onto the next one.
      doc.fontSize(it.strong ? 11 : 10);
      if (doc.y + 2 * doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      doc.text(it.label, left, y, { width: width - valueWidth });
      const after = doc.y;
      doc.text(it.value, left + width - valueWidth, y, { width: valueWidth, align: 'right' });
      doc.y = Math.max(after, doc.y);
    }
  }
  doc.end();
  return done;
}
