// The Z-report printout (spec §7) as one receiptline document: ESC/POS for the printer, SVG for the owner's
// screen, so what the owner reads equals what was printed. Nothing secret: no card number, no ceiling.
import { transform } from 'receiptline';
import type { ZReportView } from '../../../shared/contract';
import { formatRate, formatYuan } from '../../../shared/domain/money';
import { DAY_FIGURE_KEYS, DAY_FIGURE_UNIT, dayFigures } from '../../../shared/domain/day-figures';
import {
  changeWords,
  DAY_FIGURE_WORDS,
  dayFigureText,
  groupName,
  journalKindWords,
  Z_WORDS,
} from '../../../shared/words';
import { escapeText as e, type PrinterShape, type ReceiptLanguage } from './layout';

export { Z_WORDS };

const money = (fen: number) => formatYuan(fen, '￥');
const time = (iso: string | null, tz: (ms: number) => string) => (iso ? tz(Date.parse(iso)) : '');

/**
 * What an approval was for, in words. Stored Z-reports name it by journal kind, `day.close` for the closing
 * itself, or `day.discrepancyApproved <date>` for an earlier day's discrepancy approved today.
 */
export function approvalWhat(what: string, language: ReceiptLanguage): string {
  if (what === 'day.close') return Z_WORDS[language].closeApproval;
  const [kind = '', ...rest] = what.split(' ');
  return [journalKindWords(kind, language), ...rest].join(' ');
}

export interface ZInput {
  z: ZReportView;
  language: ReceiptLanguage;
  /** Formats an instant in the shop's time zone. */
  localTime: (ms: number) => string;
  reprint: number;
  /**
   * The settings changes since the previous seal: counted per group on 32/48-column paper (and the screen's
   * image of it), each in full in the PDF and the exports.
   */
  changes?: 'count' | 'full';
}

/**
 * A piece of a printed line. A string is kept whole on paper — an amount, a number, a name, a time; `{ free }` is
 * words or a reason typed by someone, which may break between two hanzi or at a space (never inside a run of
 * digits or Latin letters).
 */
export type Seg = string | { free: string };

/** One layout, two renderers: receiptline (printer and screen) and pdfkit (the PDF). */
export type ZItem =
  | { t: 'title'; text: string }
  | { t: 'banner'; text: string }
  | { t: 'section'; text: string }
  | {
      t: 'row';
      label: string;
      /** The label's pieces, for laying it out on paper. */
      segs: Seg[];
      value: string;
      strong?: boolean;
      /** The amount a money row shows, for exports. */ fen?: number;
    }
  | { t: 'text'; text: string; segs: Seg[]; strong?: boolean }
  | { t: 'rule' };

const segText = (s: Seg) => (typeof s === 'string' ? s : s.free);
export const joinSegs = (segs: Seg[]) =>
  segs
    .map(segText)
    .filter((x) => x !== '')
    .join(' ');

export function zItems(r: ZInput): ZItem[] {
  const w = Z_WORDS[r.language];
  const fw = DAY_FIGURE_WORDS[r.language];
  const z = r.z;
  const out: ZItem[] = [];
  const words = (s: string): Seg => ({ free: s });
  const asSegs = (label: string | Seg[]) => (typeof label === 'string' ? [words(label)] : label);
  const row = (label: string | Seg[], value: string, strong = false, fen?: number) => {
    const segs = asSegs(label);
    out.push({ t: 'row', label: joinSegs(segs), segs, value, strong, ...(fen === undefined ? {} : { fen }) });
  };
  const amount = (label: string | Seg[], fen: number, strong = false) => row(label, money(fen), strong, fen);
  const text = (segs: Seg[], strong = false) => out.push({ t: 'text', text: joinSegs(segs), segs, strong });
  const clock = (iso: string) => time(iso, r.localTime).slice(-5);
  out.push({ t: 'title', text: z.shop.name }, { t: 'banner', text: z.zNumber === null ? w.open : w.title });
  if (r.reprint > 0) out.push({ t: 'banner', text: `重印 / REPRINT ${r.reprint}` });
  out.push({ t: 'rule' });
  if (z.zNumber !== null) row(w.zNo, String(z.zNumber).padStart(4, '0'));
  row(w.date, z.businessDate);
  row(w.opened, time(z.openedAt, r.localTime));
  row(w.openedBy, z.openedBy);
  if (z.closedAt) {
    row(w.closed, time(z.closedAt, r.localTime));
    row(w.closedBy, z.closedBy ?? '');
  }

  // The day's figures, defined once (shared/domain/day-figures.ts): the same words and numbers as the ledger's
  // day row, the close dialog and the exports. The sections below break them down.
  out.push({ t: 'section', text: fw.title });
  const f = dayFigures(z);
  for (const k of DAY_FIGURE_KEYS) {
    const strong = k === 'netPayoutFen';
    if (DAY_FIGURE_UNIT[k] === 'fen') amount(fw[k].label, f[k], strong);
    else row(fw[k].label, dayFigureText(f, k, '￥'), strong);
  }

  out.push({ t: 'section', text: w.byBrand });
  for (const b of z.brands) {
    text([b.name, words(w.forms[b.form]), `× ${b.cards}`, words(w.cards)]);
    amount(w.value, b.valueFen);
    amount(w.payout, b.payoutFen);
    row(w.avg, formatRate(b.averageRateBp));
  }

  out.push({ t: 'section', text: w.payments });
  for (const p of z.payments) amount([words(w.methods[p.method]), `× ${p.count}`], p.amountFen);

  out.push({ t: 'section', text: w.staff });
  for (const s of z.staff) amount([s.name, `× ${s.trades}`], s.payoutFen);

  out.push({ t: 'section', text: w.voids });
  if (z.voids.length === 0 && !z.unpaidVoided) text([words(w.none)]);
  for (const v of z.voids) {
    amount(v.tradeNo, -v.payoutFen);
    text([words(v.reason), v.approvedBy ? `(${v.approvedBy})` : '']);
  }
  if (z.unpaidVoided) text([words(w.unpaidVoided), `× ${z.unpaidVoided.count}`, '·', words(z.unpaidVoided.reason)]);

  // After-sale events recorded today, by kind (spec §8); each kind's count and amount.
  out.push({ t: 'section', text: w.resale });
  if (z.resale.length === 0) text([words(w.none)]);
  const kindWords: Readonly<Record<string, string>> = w.resaleKinds;
  for (const x of z.resale) amount([words(kindWords[x.kind] ?? x.kind), `× ${x.cards}`], x.amountFen);

  out.push({ t: 'section', text: w.approvals });
  if (z.approvals.length === 0) text([words(w.none)]);
  for (const a of z.approvals) {
    text([
      clock(a.at),
      words(approvalWhat(a.what, r.language)),
      a.tradeNo ?? '',
      a.amountFen != null ? money(a.amountFen) : '',
      '·',
      a.ownerName,
      '·',
      words(a.reason),
    ]);
  }

  out.push({ t: 'section', text: w.drawer });
  const c = z.cash;
  amount(w.float, c.floatFen);
  amount(`+ ${w.cashIn}`, c.cashInFen);
  amount(`- ${w.cashOut}`, c.cashOutFen);
  amount(`- ${w.cashPayouts}`, c.payoutsFen);
  amount(`+ ${w.refunds}`, c.refundsFen);
  amount(w.expected, c.expectedFen, true);
  // Each handover and each count for the close on two rows (the count, then its difference), so 32 columns hold them.
  for (const s of c.shifts) {
    amount([words(w.shifts), String(s.seq), '·', s.staffName], s.countedFen);
    amount(w.shiftDiff, s.discrepancyFen);
  }
  // Every count for the close, a recount included: a count made only to learn the expected cash shows here.
  for (const k of z.closeCounts ?? []) {
    amount([words(w.closeCount), String(k.seq), '·', clock(k.at), '·', k.staffName], k.countedFen);
    amount(w.closeCountDiff, k.discrepancyFen);
  }
  if (c.countedFen !== null) amount(w.counted, c.countedFen, true);
  if (c.discrepancyFen !== null) amount(w.discrepancy, c.discrepancyFen, true);
  if (c.reason) text([words(`${w.reason}:`), words(c.reason)]);
  if (c.closedAsFound) text([words(w.asFound)]);
  if (c.pendingOwner) text([words(w.pending)], true);

  // After-sale events counted on the day they were recorded (docs/after-sale.md); absent from reports sealed before.
  const a = z.afterSale;
  if (a) {
    out.push({ t: 'section', text: w.afterSale });
    amount(`${w.invalidCards} × ${a.invalid.cards}`, -a.invalid.lossFen);
    amount(`${w.shortPaid} × ${a.shortPaid.cards}`, -a.shortPaid.shortFen);
    if (a.batchShort) amount(`${w.batchShort} × ${a.batchShort.batches}`, -a.batchShort.shortFen);
    amount(`${w.clawedBack} × ${a.clawedBack.cards}`, -a.clawedBack.amountFen);
    amount(`${w.recovered} × ${a.recovered.count}`, a.recovered.amountFen);
    amount(`  ${w.recoveredCash}`, a.recovered.cashFen);
    amount(w.realised, a.realisedMarginFen, true);
    row(w.overdueBatches, `× ${a.overdueBatches}`);
  }

  // On paper the alerts are counted by kind with the first few trades named; the data keeps them all.
  out.push({ t: 'section', text: `${w.alerts} (${z.alerts.length})` });
  const kinds = [...new Set(z.alerts.map((a) => a.kind))];
  for (const k of kinds) {
    const these = z.alerts.filter((a) => a.kind === k);
    const named = [...new Set(these.map((a) => a.tradeNo).filter((x): x is string => x !== null))];
    text([
      words(w.alertKinds[k as keyof typeof w.alertKinds] ?? k),
      `× ${these.length}${named.length > 0 ? ':' : ''}`,
      ...named.slice(0, 5),
      named.length > 5 ? '…' : '',
    ]);
  }
  const changes = z.settingsChanges;
  if (changes) {
    out.push({ t: 'section', text: `${w.changes} (${changes.length})` });
    if (changes.length === 0) text([words(w.none)]);
    if (r.changes === 'full') for (const c of changes) text([clock(c.at), words(changeWords(c, r.language))]);
    else
      for (const g of new Set(changes.map((c) => c.group)))
        row(groupName(g, r.language), `× ${changes.filter((c) => c.group === g).length}`);
  }

  out.push({ t: 'rule' });
  if (z.journalHead) row(w.journalHead, z.journalHead.slice(0, 16));
  amount(w.grandTotal, z.grandTotalFen, true);
  return out;
}

/** Display columns on paper: a hanzi (anything outside ASCII, ￥ and · included) is two. */
export function paperColumns(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}

/** A character a line may break before or after: a hanzi, kana or hangul. */
const BREAKABLE = /[\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
/** Punctuation that stays with the character before it (a line never starts with it). */
const CLOSING = /[，。、；：！？）」』》】〉,.;:!?)\]]/u;
/** Punctuation that stays with the character after it. */
const OPENING = /[（「『《【〈([]/u;

interface Unit {
  text: string;
  /** A space separates it from the unit before. */
  gap: boolean;
}

/** Words and reasons cut into what may not be split: runs of digits and Latin letters stay whole. */
function freeUnits(s: string): Unit[] {
  const out: Unit[] = [];
  let gap = true;
  let cur = '';
  let pendingGap = true;
  const flush = () => {
    if (cur !== '') out.push({ text: cur, gap: pendingGap });
    cur = '';
  };
  for (const ch of s) {
    if (ch === ' ' || ch === '\t') {
      flush();
      gap = true;
      continue;
    }
    const prev = cur.at(-1) ?? '';
    const breakHere =
      cur !== '' && !OPENING.test(prev) && !CLOSING.test(ch) && (BREAKABLE.test(ch) || BREAKABLE.test(prev));
    if (breakHere) {
      flush();
      pendingGap = false;
    }
    if (cur === '') {
      if (gap) pendingGap = true;
      gap = false;
    }
    cur += ch;
  }
  flush();
  return out;
}

/** Lays pieces out into lines of at most `cpl` columns, breaking only between pieces that may be broken. */
export function wrapSegs(segs: Seg[], cpl: number): string[] {
  const units: Unit[] = [];
  for (const s of segs) {
    if (typeof s === 'string') {
      if (s !== '') units.push({ text: s, gap: true });
    } else units.push(...freeUnits(s.free));
  }
  const lines: string[] = [];
  let line = '';
  for (const u of units) {
    const next = line === '' ? u.text : `${line}${u.gap ? ' ' : ''}${u.text}`;
    if (paperColumns(next) <= cpl) {
      line = next;
      continue;
    }
    if (line !== '') lines.push(line);
    line = u.text;
    // Only a single piece wider than the paper (a name of more than half a line of hanzi) is cut.
    while (paperColumns(line) > cpl) {
      let head = '';
      for (const ch of line) {
        if (paperColumns(head + ch) > cpl) break;
        head += ch;
      }
      lines.push(head);
      line = line.slice(head.length);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The receiptline document for paper `cpl` columns wide. Every line is laid out here, so receiptline never wraps
 * one: a row whose label and value fit is one line, otherwise the label's lines and then the value on its own,
 * to the right. Nothing is ever cut inside an amount, a trade number or a name (test/integration/zreport-paper.test.ts).
 */
export function zDocument(r: ZInput, cpl: number): string {
  const out: string[] = [];
  const bold = (s: string, strong: boolean | undefined) => (strong ? `"${e(s)}"` : e(s));
  const lines = (s: string) => wrapSegs([{ free: s }], cpl);
  for (const it of zItems(r)) {
    if (it.t === 'title') for (const l of lines(it.text)) out.push('{align:center}', '{width:*}', `^^${e(l)}`);
    else if (it.t === 'banner') for (const l of lines(it.text)) out.push('{align:center}', '{width:*}', `"${e(l)}"`);
    else if (it.t === 'rule') out.push('{align:left}', '{width:*}', '-');
    else if (it.t === 'section') out.push('{align:left}', '{width:*}', '-', ...lines(it.text).map((l) => `|"${e(l)}"`));
    else if (it.t === 'text')
      out.push('{align:left}', '{width:*}', ...wrapSegs(it.segs, cpl).map((l) => `|${bold(l, it.strong)}`));
    else {
      const vw = paperColumns(it.value);
      const label = wrapSegs(it.segs, cpl);
      if (label.length <= 1 && paperColumns(label[0] ?? '') + 1 + vw <= cpl)
        out.push(
          '{align:left}',
          `{width:*,${vw}}`,
          `${bold(label[0] ?? '', it.strong) || ' '} | ${bold(it.value, it.strong)}`,
        );
      else {
        out.push('{align:left}', '{width:*}', ...label.map((l) => `|${bold(l, it.strong)}`));
        // A leading space puts a column's text to the right (receiptline).
        for (const v of wrapSegs([it.value], cpl)) out.push(`| ${bold(v, it.strong)}`);
      }
    }
  }
  return out.join('\n');
}

export function zBytes(r: ZInput, p: PrinterShape): Buffer {
  return Buffer.from(
    transform(zDocument(r, p.cpl), { cpl: p.cpl, encoding: 'gb18030', command: 'escpos', spacing: false }),
    'latin1',
  );
}

export function zSvg(r: ZInput, p: PrinterShape): string {
  return transform(zDocument(r, p.cpl), { cpl: p.cpl, encoding: 'gb18030', command: 'svg' });
}
