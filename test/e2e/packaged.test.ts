// The app as it ships: a folder laid out from electron-builder.yml exactly as the packager would (its own file
// matchers; `files`, `extraResources` and the production dependencies, nothing else), the built host started from
// it with the packaged resources folder, and one sealed day's Z-report exported as PDF, XLSX and CSV through
// the host's HTTP API and read back: pdftotext for the PDF, exceljs for the XLSX, a CSV reader for the CSV.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput, ExportFile, ZReportView } from '../../shared/contract';
import { formatYuan } from '../../shared/domain/money';
import { PASSPHRASE, tempDir } from '../support/backend';
import { startHost, type Host } from '../support/host';
import { filesUnder, layOutApp, type PackagedApp } from '../support/packaged';

const SHOP = '包装检验回收店';
const PIN = '246810';
const FLOAT = { '10000': 100 } as const;

/** RFC 4180 as our exports write it: a BOM, CRLF rows, quotes around cells with a comma, quote or newline. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted && ch === '"' && s[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== ',' && ch !== '\n' && ch !== '\r')) {
      cell += ch;
    } else if (ch !== '\r') {
      row.push(cell);
      cell = '';
      if (ch === '\n') {
        rows.push(row);
        row = [];
      }
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('the app as packaged', () => {
  let app: PackagedApp;
  let host: Host;
  let session: string | null = null;
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const r = await host.call(name, input, session);
    session = r.session ?? session;
    if (!r.result.ok)
      throw new Error(`${name} failed: ${r.result.error.code} ${JSON.stringify(r.result.error.details)}`);
    return r.result.value;
  };

  beforeAll(async () => {
    app = await layOutApp(tempDir('carddesk-packaged-'));
    host = await startHost({ hostJs: app.hostJs, nodeArgs: app.nodeArgs, args: ['--resources-dir', app.resourcesDir] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('holds the bundles with pdfkit’s data, the renderer and the font, and none of the sources', async () => {
    const files = filesUnder(app.resourcesDir).filter((f) => !f.startsWith('app/node_modules/'));
    for (const f of [
      'app/package.json',
      'app/dist/host.cjs',
      'app/dist/main.cjs',
      'app/dist/preload.cjs',
      'app/dist/renderer/index.html',
      'app/dist/data/Helvetica.afm',
      'fonts/wqy-microhei.ttc',
    ]) {
      expect(files).toContain(f);
    }
    expect(
      files.filter(
        (f) =>
          f.endsWith('.map') || f.endsWith('.ts') || f.startsWith('app/electron/') || f.startsWith('app/resources/'),
      ),
    ).toEqual([]);
    expect(fs.readdirSync(path.join(app.appDir, 'node_modules'))).not.toContain('electron');
    // The host serves the renderer from inside the app.
    const index = await (await fetch(`${host.origin}/`)).text();
    const script = index.match(/src="\.\/(assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${host.origin}/${script}`)).status).toBe(200);
  });

  it('exports a sealed day’s Z-report as PDF, XLSX and CSV that read back with the shop, 日结单, the Z number and the figures', async () => {
    session = (
      await host.call('setup.complete', {
        shop: { name: SHOP, code: 'SH12', address: '人民路 12 号', phone: '021-5555 0112', licenceNo: '91310000MA12' },
        owner: { name: '王老板', pin: PIN },
        passphrase: PASSPHRASE,
      })
    ).session;
    await call('quotes.renew', {});
    await call('days.open', { count: FLOAT });
    // Two trades that leave the drawer as it was: one paid by bank transfer, one by WeChat Pay.
    for (const [i, method] of (['bank', 'wechat'] as const).entries()) {
      const t = await call('trades.create', {});
      await call('customers.attach', { tradeId: t.id, phone: `1391200000${i}` });
      await call('trades.addLine', {
        tradeId: t.id,
        brand: 'jd',
        form: 'e',
        number: `JDE12000000000${i}0`,
        secret: 'ABCD1234EFGH5678',
        faceValueFen: 50_000,
        verifiedHow: 'official',
      });
      const offer = await call('trades.offer', { tradeId: t.id });
      const agreed = await call('trades.accept', { tradeId: t.id, groupKey: offer.groups[0]!.key });
      await call('trades.pay', {
        tradeId: t.id,
        requestId: `packaged-pay-${i}`,
        parts: [{ method, amountFen: agreed.payoutFen, reference: `REF12${i}` }],
      });
    }
    const closed = await call('days.close', { count: FLOAT });
    const date = closed.day.businessDate;
    const z: ZReportView = (await call('ledger.report', { businessDate: date })).report;
    expect(z.zNumber).toBe(1);
    expect(z.totals.trades).toBe(2);
    const zNo = String(z.zNumber).padStart(4, '0');
    const download = async (format: 'pdf' | 'xlsx' | 'csv'): Promise<{ file: ExportFile; bytes: Buffer }> => {
      const file = await call('ledger.export', { businessDate: date, format });
      expect(file.fileName).toBe(`Z${zNo}-${date}.${format}`);
      return { file, bytes: Buffer.from(file.base64, 'base64') };
    };

    // PDF: the text layer, as a reader or a search finds it.
    const pdf = await download('pdf');
    expect(pdf.file.mime).toBe('application/pdf');
    const pdfPath = path.join(host.dataDir, pdf.file.fileName);
    fs.writeFileSync(pdfPath, pdf.bytes);
    // Each label and its figure on one line; the layout's spacing between them is dropped.
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '');
    const yuan = (fen: number) => formatYuan(fen, '￥');
    expect(text).toContain(SHOP);
    expect(text).toContain('日结单');
    const lines = [
      `Z号${zNo}`,
      `营业日${date}`,
      `价值${yuan(z.totals.valueFen)}`,
      `付出${yuan(z.totals.payoutFen)}`,
      `净付出${yuan(z.netPayoutFen)}`,
      `实点现金${yuan(1_000_000)}`,
      `累计总额${yuan(z.grandTotalFen)}`,
    ];
    for (const line of lines) expect(text.split('\n')).toContain(line);
    expect(execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' })).toContain('WenQuanYiMicroHei');

    // XLSX: the figures in fen beside their labels, one trade row per card.
    const xlsx = await download('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Z报表');
    const fen = new Map<string, number>();
    const shown = new Map<string, string>();
    sheet?.eachRow((row) => {
      const label = row.getCell(1).value;
      const text = row.getCell(2).value;
      const value = row.getCell(3).value;
      if (typeof label !== 'string') return;
      const key = label.replace(/\s+/g, '');
      if (!shown.has(key)) shown.set(key, typeof text === 'string' ? text : '');
      if (typeof value === 'number' && !fen.has(label)) fen.set(label, value);
    });
    expect([...shown.keys()]).toContain(SHOP);
    expect([...shown.keys()].some((l) => l.startsWith('日结单'))).toBe(true);
    expect(shown.get('Z号')).toBe(zNo);
    expect(fen.get('净付出')).toBe(z.netPayoutFen);
    expect(fen.get('累计总额')).toBe(z.grandTotalFen);
    expect(wb.getWorksheet('交易 Trades')?.rowCount).toBe(1 + z.totals.cards);

    // CSV: the same rows, then the trades.
    const csv = parseCsv((await download('csv')).bytes.toString('utf8'));
    expect(csv[0]).toEqual(['项目 Item', '金额 Amount', '分 fen']);
    const zRows = csv.filter((r) => r.length === 3);
    const byLabel = new Map(zRows.map((r) => [r[0]!.replace(/\s+/g, ''), r]));
    expect(byLabel.has(SHOP)).toBe(true);
    expect(zRows.some((r) => r[0]!.startsWith('日结单'))).toBe(true);
    expect(byLabel.get('Z号')?.[1]).toBe(zNo);
    expect(byLabel.get('净付出')?.slice(1)).toEqual([yuan(z.netPayoutFen), String(z.netPayoutFen)]);
    expect(byLabel.get('累计总额')?.slice(1)).toEqual([yuan(z.grandTotalFen), String(z.grandTotalFen)]);
    const trades = csv.slice(csv.findIndex((r) => r[0] === '单号 Trade') + 1);
    expect(trades).toHaveLength(z.totals.cards);
    expect(trades.map((r) => Number(r[9])).reduce((a, b) => a + b, 0)).toBe(z.totals.payoutFen);

    // Nothing in the host's output or log says a file was missing or an export failed.
    const logDir = path.join(host.dataDir, 'logs');
    const log = fs
      .readdirSync(logDir)
      .map((f) => fs.readFileSync(path.join(logDir, f), 'utf8'))
      .join('');
    expect(log).toContain('host listening');
    expect(`${host.output()}${log}`).not.toMatch(/internal error|missing/);
  });
});
