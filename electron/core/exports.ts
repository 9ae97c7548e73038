// Files the owner takes away (CSV with a BOM for Excel, XLSX via exceljs), as the contract's ExportFile; the rows are
// written by shared/domain/sheets.ts, which head office's console uses too.
import type { ExportFile } from '../../shared/contract';
import { toCsv, xlsxBuffer, type Cell } from '../../shared/domain/sheets';

export { csvCell, toCsv, type Cell } from '../../shared/domain/sheets';

export function csvFile(fileName: string, rows: Cell[][]): ExportFile {
  return { fileName, mime: 'text/csv', base64: Buffer.from(toCsv(rows), 'utf8').toString('base64') };
}

/** One worksheet per entry; the first row of each is the header, in bold. */
export async function xlsxFile(
  fileName: string,
  sheets: { name: string; rows: Cell[][]; width?: number }[],
): Promise<ExportFile> {
  return {
    fileName,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: (await xlsxBuffer(sheets)).toString('base64'),
  };
}

export function pdfFile(fileName: string, buf: Buffer): ExportFile {
  return { fileName, mime: 'application/pdf', base64: buf.toString('base64') };
}
