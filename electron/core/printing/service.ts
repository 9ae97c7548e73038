// Print jobs (spec §10): written in the payment's transaction; a worker sends them one at a time with backoff.
// Delivery is at least once: after an attempt whose outcome is unknown (timeout or close after connecting) the
// resend is marked 重印 / REPRINT. The counter never waits for the printer.
import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { localDateTime } from '../../../shared/domain/dates';
import { N, PrintJobRow, TradeRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { PrinterError, type Clock, type Ids, type Printer, type Scheduler } from '../ports';
import { receiptBytes, receiptSvg, testPageBytes, type Copy } from '../receipts/layout';
import { zBytes, zSvg } from '../receipts/zreport';
import type { TradeView, ZReportView } from '../../../shared/contract';
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import type { TradeViews } from '../trades/views';

const TradeStatus = TradeRow.pick({ status: true });
const JobError = PrintJobRow.pick({ last_error: true });

/** ESC p 0 25 250: pulse pin 2 (printing.md: node-thermal-printer's own command is incomplete). */
export const DRAWER_KICK = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);

export type JobRow = z.infer<typeof PrintJobRow>;
const At = z.object({ at: z.number().nullable() });

export interface JobView {
  id: string;
  kind: 'receipt' | 'test' | 'zreport';
  tradeId: string | null;
  copy: Copy | null;
  status: 'pending' | 'printed';
  reprint: number;
  attempts: number;
  lastError: string | null;
  printedAt: string | null;
}

const view = (j: JobRow): JobView => ({
  id: j.id,
  kind: j.kind,
  tradeId: j.trade_id,
  copy: j.copy,
  status: j.status,
  reprint: j.reprint,
  attempts: j.attempts,
  lastError: j.last_error,
  printedAt: j.printed_at,
});

/** A print job to queue. */
interface Job {
  kind: JobRow['kind'];
  tradeId: string | null;
  copy: Copy | null;
  reprint: number;
  drawer: boolean;
  staffId: string | null;
  dayId?: string;
}
const JOB_VALUES = "(?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)";
const INSERT_JOB = `INSERT INTO print_jobs (id, kind, trade_id, day_id, copy, status, reprint, drawer, next_attempt_at, created_at, staff_id)
  VALUES ${JOB_VALUES}`;
const INSERT_TWO_JOBS = `${INSERT_JOB}, ${JOB_VALUES}`;

export class Printing {
  private timer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly scheduler: Scheduler,
    private readonly settings: Settings,
    private readonly shop: Shop,
    private readonly trades: TradeViews,
    private readonly printer: Printer | undefined,
    private readonly changed: (pending: number) => void,
    private readonly log: (line: string) => void,
    private readonly zreport: (dayId: string) => ZReportView,
  ) {}

  /** A job, or two written with one statement (a paid trade's two receipts). */
  private insert(job: Job, second?: Job): void {
    const at = this.clock.now();
    const iso = new Date(at).toISOString();
    this.sql.run(
      second ? INSERT_TWO_JOBS : INSERT_JOB,
      ...(second ? [job, second] : [job]).flatMap((j) => [
        this.ids.next(),
        j.kind,
        j.tradeId,
        j.dayId ?? null,
        j.copy,
        j.reprint,
        Number(j.drawer),
        at,
        iso,
        j.staffId,
      ]),
    );
  }

  /** A sealed day's Z-report; a later print of the same day is marked as a reprint. */
  enqueueZ(dayId: string, staffId: string): void {
    const before =
      this.sql.get(N, "SELECT COUNT(*) AS n FROM print_jobs WHERE kind = 'zreport' AND day_id = ?", dayId)?.n ?? 0;
    this.insert({ kind: 'zreport', tradeId: null, copy: null, reprint: before, drawer: false, staffId, dayId });
  }

  private zInput(dayId: string, reprint: number) {
    const tz = this.settings.get('timeZone');
    return {
      z: this.zreport(dayId),
      language: this.settings.get('printer').language,
      localTime: (ms: number) => localDateTime(ms, tz),
      reprint,
    };
  }

  /** The Z-report as the printer lays it out, for the owner's screen. */
  zPreview(dayId: string): string {
    return zSvg(this.zInput(dayId, 0), { cpl: this.settings.get('printer').cpl });
  }

  /** In the paying transaction, from the paid trade's answer: the customer receipt (with the drawer kick for a cash part) and the shop copy. */
  enqueuePaid(trade: Pick<TradeView, 'id' | 'payments'>, staffId: string): void {
    const s = this.settings.get('printer');
    const cash = trade.payments.some((p) => p.method === 'cash');
    const receipt = { kind: 'receipt', tradeId: trade.id, reprint: 0, staffId } as const;
    const customer: Job = { ...receipt, copy: 'customer', drawer: cash && s.drawerOnCash };
    if (s.shopCopy) this.insert(customer, { ...receipt, copy: 'shop', drawer: false });
    else this.insert(customer);
  }

  /** A deliberate reprint: marked with how many times this copy was printed or queued before. */
  enqueueReprint(tradeId: string, copy: Copy, staffId: string): void {
    const t = this.sql.get(TradeStatus, 'SELECT status FROM trades WHERE id = ?', tradeId);
    if (!t) throw new AppError('NOT_FOUND', 'no such trade', { tradeId });
    if (t.status !== 'paid')
      throw new AppError('CONFLICT', 'only a paid trade has a receipt', { tradeId, status: t.status });
    const before =
      this.sql.get(N, 'SELECT COUNT(*) AS n FROM print_jobs WHERE trade_id = ? AND copy = ?', tradeId, copy)?.n ?? 0;
    this.insert({ kind: 'receipt', tradeId, copy, reprint: Math.max(1, before), drawer: false, staffId });
  }

  enqueueTest(staffId: string): void {
    this.insert({ kind: 'test', tradeId: null, copy: null, reprint: 0, drawer: false, staffId });
  }

  pending(): number {
    return this.sql.get(N, "SELECT COUNT(*) AS n FROM print_jobs WHERE status = 'pending'")?.n ?? 0;
  }

  jobs(tradeId: string): JobView[] {
    return this.sql
      .all(PrintJobRow, 'SELECT * FROM print_jobs WHERE trade_id = ? ORDER BY created_at, copy', tradeId)
      .map(view);
  }

  status(): { configured: boolean; pending: number; lastError: string | null } {
    const last = this.sql.get(
      JobError,
      "SELECT last_error FROM print_jobs WHERE status = 'pending' AND last_error IS NOT NULL ORDER BY next_attempt_at LIMIT 1",
    );
    return {
      configured: this.settings.get('printer').target !== null && this.printer !== undefined,
      pending: this.pending(),
      lastError: last?.last_error ?? null,
    };
  }

  /** The bytes of a job, rendered from the trade when sent: the same layout as the preview. */
  render(job: JobRow): Buffer {
    const s = this.settings.get('printer');
    const tz = this.settings.get('timeZone');
    const shop = this.shop.get();
    if (job.kind === 'test')
      return testPageBytes(shop?.name ?? '', { cpl: s.cpl }, localDateTime(this.clock.now(), tz));
    if (job.kind === 'zreport') {
      if (!job.day_id) throw new Error('a Z-report job without its day');
      return zBytes(this.zInput(job.day_id, job.reprint), { cpl: s.cpl });
    }
    if (!shop || !job.trade_id || !job.copy) throw new Error('a receipt job without its trade');
    const trade = this.trades.get(job.trade_id);
    const printedAt = localDateTime(Date.parse(trade.paidAt ?? trade.createdAt), tz);
    const bytes = receiptBytes(
      { shop, trade, copy: job.copy, reprint: job.reprint, language: s.language, printedAt },
      { cpl: s.cpl },
    );
    return job.drawer ? Buffer.concat([bytes, DRAWER_KICK]) : bytes;
  }

  preview(tradeId: string, copy: Copy): string {
    const shop = this.shop.get();
    if (!shop) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
    if (!this.sql.exists('SELECT 1 FROM trades WHERE id = ?', tradeId))
      throw new AppError('NOT_FOUND', 'no such trade', { tradeId });
    const trade = this.trades.get(tradeId);
    if (trade.status !== 'paid')
      throw new AppError('CONFLICT', 'only a paid trade has a receipt', { tradeId, status: trade.status });
    const s = this.settings.get('printer');
    const printedAt = localDateTime(Date.parse(trade.paidAt ?? trade.createdAt), this.settings.get('timeZone'));
    return receiptSvg({ shop, trade, copy, reprint: 0, language: s.language, printedAt }, { cpl: s.cpl });
  }

  /** The owner's "open drawer": sent straight to the printer the drawer hangs on. */
  async openDrawer(): Promise<void> {
    const target = this.settings.get('printer').target;
    if (!target || !this.printer) throw new AppError('PRINTER_OFFLINE', 'no printer is set', {});
    try {
      await this.printer.send(
        target,
        Buffer.concat([Buffer.from([0x1b, 0x40]), DRAWER_KICK]),
        this.settings.get('printer').timeoutMs,
      );
    } catch (e) {
      throw new AppError('PRINTER_OFFLINE', 'the printer did not take the drawer command', {
        reason: e instanceof Error ? e.message : 'error',
      });
    }
  }

  /** Wakes the worker soon (after the caller's transaction has committed). */
  kick(delayMs = 0): void {
    if (this.timer) return;
    this.timer = this.scheduler.after(delayMs, () => {
      this.timer = null;
      void this.drain();
    });
  }

  /** Sends due jobs oldest first, one at a time; resolves when none is due. */
  drain(): Promise<void> {
    this.running ??= this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    const target = this.settings.get('printer').target;
    if (!target || !this.printer) return;
    for (;;) {
      const job = this.sql.get(
        PrintJobRow,
        "SELECT * FROM print_jobs WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY created_at, copy LIMIT 1",
        this.clock.now(),
      );
      if (!job) break;
      const ok = await this.attempt(job, target);
      this.changed(this.pending());
      if (!ok) break;
    }
    const next = this.sql.get(At, "SELECT MIN(next_attempt_at) AS at FROM print_jobs WHERE status = 'pending'")?.at;
    if (typeof next === 'number') this.kick(Math.max(0, next - this.clock.now()));
  }

  private async attempt(job: JobRow, target: string): Promise<boolean> {
    let bytes: Buffer;
    try {
      bytes = this.render(job);
    } catch (e) {
      this.log(`print job ${job.id}: cannot render (${e instanceof Error ? e.name : 'error'})`);
      this.sql.run(
        "UPDATE print_jobs SET last_error = 'render', next_attempt_at = ? WHERE id = ?",
        this.clock.now() + 60_000,
        job.id,
      );
      return false;
    }
    const attempts = job.attempts + 1;
    try {
      await this.printer!.send(target, bytes, this.settings.get('printer').timeoutMs);
      this.sql.run(
        "UPDATE print_jobs SET status = 'printed', attempts = ?, last_error = NULL, printed_at = ? WHERE id = ?",
        attempts,
        new Date(this.clock.now()).toISOString(),
        job.id,
      );
      return true;
    } catch (e) {
      const outcome = e instanceof PrinterError ? e.outcome : 'unknown';
      const backoff = Math.min(60_000, 2_000 * 2 ** Math.min(attempts - 1, 5));
      // The printer may have printed it: the next send says 重印 / REPRINT, never silently twice, and does not
      // open the drawer a second time.
      this.sql.run(
        'UPDATE print_jobs SET attempts = ?, last_error = ?, next_attempt_at = ?, reprint = reprint + ?, drawer = CASE WHEN ? THEN 0 ELSE drawer END WHERE id = ?',
        attempts,
        e instanceof Error ? e.message : 'error',
        this.clock.now() + backoff,
        outcome === 'unknown' ? 1 : 0,
        Number(outcome === 'unknown'),
        job.id,
      );
      return false;
    }
  }
}
