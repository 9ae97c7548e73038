// Files the owner takes away (CSV with a BOM for Excel, XLSX via exceljs), as the contract's ExportFile.
import ExcelJS from 'exceljs';
import type { ExportFile } from '../../shared/contract';

export type Cell = string | number;

/** How a spreadsheet starts a formula (or, after a tab or carriage return, may): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A text that is only an amount as the shop writes one (`-20.00`, `-￥1,234.50`, `+88.90%`): data, not a formula. */
const PLAIN_NUMBER = /^[-+]?[¥￥]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/;

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: a number stays a number (a negative amount too); a text
 * that a spreadsheet would read as a formula gets a leading `'` (OWASP "CSV injection"), unless it is a plain
 * amount; a text with a quote, comma, CR or LF is quoted with its quotes doubled, so a line break inside a name
 * never starts a row.
 */
export function csvCell(v: Cell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = FORMULA_START.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The one CSV writer: a BOM for Excel, CRLF rows, every cell through csvCell. */
export function toCsv(rows: Cell[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function csvFile(fileName: string, rows: Cell[][]): ExportFile {
  return { fileName, mime: 'text/csv', base64: Buffer.from(toCsv(rows), 'utf8').toString('base64') };
}

/** One worksheet per entry; the first row of each is the header, in bold. */
export async function xlsxFile(
  fileName: string,
  sheets: { name: string; rows: Cell[][]; width?: number }[],
): Promise<ExportFile> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c) => (c.width = s.width ?? 22));
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    fileName,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: buf.toString('base64'),
  };
}

export function pdfFile(fileName: string, buf: Buffer): ExportFile {
  return { fileName, mime: 'application/pdf', base64: buf.toString('base64') };
}
