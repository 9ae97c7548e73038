// The rows the owner takes away as a spreadsheet, written one way for the shop (electron/core/exports.ts) and head
// office's console: CSV with a BOM for Excel, XLSX via exceljs, a text that a spreadsheet would run as a formula
// neutralised in both.

export type Cell = string | number;

/**
 * One line of a CSV the owner wrote (RFC 4180 quoting: a field that starts with `"` runs to its closing quote, `""`
 * inside it is one quote), each cell trimmed; null when a quoted field is never closed.
 */
export function readCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (quoted) return null;
  out.push(cur);
  return out.map((x) => x.trim());
}

/** How a spreadsheet starts a formula (or, after a tab or carriage return, may): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A text that is only an amount as the shop writes one (`-20.00`, `-￥1,234.50`, `+88.90%`): data, not a formula. */
const PLAIN_NUMBER = /^[-+]?[¥￥]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/;

/** A text a spreadsheet would read as a formula gets a leading `'` (OWASP "CSV injection"), unless a plain amount. */
export function neutralised(v: string): string {
  return FORMULA_START.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v;
}

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: a number stays a number (a negative amount too); a text
 * is neutralised; a text with a quote, comma, CR or LF is quoted with its quotes doubled, so a line break inside a
 * name never starts a row.
 */
export function csvCell(v: Cell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = neutralised(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The one CSV writer: a BOM for Excel, CRLF rows, every cell through csvCell. */
export function toCsv(rows: Cell[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * One worksheet per entry; the first row of each is the header, in bold. Every text goes in as a text cell: exceljs
 * writes a formula only from a `{ formula }` value, never from a string, so `=…` in a name stays text.
 */
export async function xlsxBuffer(sheets: { name: string; rows: Cell[][]; width?: number }[]): Promise<Buffer> {
  // Loaded on the first export only: head office keeps its bounded heap for the days shops send.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c) => (c.width = s.width ?? 22));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
