// Files the owner takes away (CSV with a BOM for Excel, XLSX via exceljs), as the contract's ExportFile.
import ExcelJS from 'exceljs';
import type { ExportFile } from '../../shared/contract';

export type Cell = string | number;

export function toCsv(rows: Cell[][]): string {
  const cell = (v: Cell) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function csvFile(fileName: string, rows: Cell[][]): ExportFile {
  return { fileName, mime: 'text/csv', base64: Buffer.from(toCsv(rows), 'utf8').toString('base64') };
}

/** One worksheet per entry; the first row of each is the header, in bold. */
export async function xlsxFile(fileName: string, sheets: { name: string; rows: Cell[][]; width?: number }[]): Promise<ExportFile> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c) => (c.width = s.width ?? 22));
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: buf.toString('base64') };
}

export function pdfFile(fileName: string, buf: Buffer): ExportFile {
  return { fileName, mime: 'application/pdf', base64: buf.toString('base64') };
}
