// Trades and negotiation (spec §3.4, §4). Each method runs inside the caller's transaction.
import { AppError, type PaymentMethod, type PricingView, type TradeView } from '../../../shared/contract';
import { compact } from '../../../shared/domain/dates';
import { linePayout, roundCashDown } from '../../../shared/domain/money';
import { respondToAsk } from '../../../shared/domain/pricing';
import type { Acting } from '../actor';
import type { Days } from '../days/service';
import { CounterValue, N, QuoteRow, TradeLineRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { parseChecked } from '../schema-check';
import { HqSeen, readJson } from '../db/stored';
import type { Keys } from '../keys/service';
import type { Clock, Ids } from '../ports';
import type { ManualExit, Pricing } from '../pricing/service';
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import { numberAad, secretAad, type LineInput, type Lines } from './lines';
import type { Compliance } from '../compliance/service';
import { ordered, TradeViews, ViewGroup, type TradeJoined, type ViewLine, type ViewRound } from './views';
import { planOffer, type GroupWrite } from './reprice';

const SealedCard = TradeLineRow.pick({ number_enc: true, secret_enc: true });

/** A trade as the service checks it: the view's one-statement read, so the answer can reuse it. */
type TradeRow = TradeJoined;
const LinePosition = TradeLineRow.pick({ position: true });
const Snapshot = QuoteRow.pick({
  id: true,
  source: true,
  form: true,
  min_value_fen: true,
  max_value_fen: true,
  rate_bp: true,
  fee_bp: true,
  fee_fixed_fen: true,
  min_amount_fen: true,
  settlement_days: true,
  observed_at: true,
  expires_at: true,
});

/** A group open to negotiation, with the trade and its rows as read in this change. */
interface OpenGroup {
  t: TradeRow;
  lines: ViewLine[];
  groups: ViewGroup[];
  /** Every round of the trade, in the order written. */
  rounds: ViewRound[];
  g: ViewGroup;
}

export interface PaymentPart {
  method: PaymentMethod;
  amountFen: number;
  reference?: string;
}

/** A card as a live report names it (a payment's live lines come in the order of their position). */
export type ReportedLine = Pick<ViewLine, 'position' | 'chain_hash' | 'brand' | 'form' | 'value_fen'>;

/** What the counter needs of cards across the chain (sync/cards.ts). */
export interface ChainAtCounter {
  /** A chain key, head office configured and speaking v2. */
  applies(): boolean;
  /** In the payment's transaction: the live report of the trade's cards (its live lines, as the payment read them). */
  bought(tradeId: string, tradeNo: string, paidAt: string, lines: readonly ReportedLine[]): void;
  /** In the void's transaction: the live report of the void. */
  voided(tradeId: string, tradeNo: string, at: string): void;
}
const NO_CHAIN: ChainAtCounter = { applies: () => false, bought: () => {}, voided: () => {} };

export class Trades {
  readonly views: TradeViews;
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly keys: Keys,
    private readonly lines: Lines,
    private readonly pricing: Pricing,
    private readonly days: Days,
    private readonly settings: Settings,
    private readonly shop: Shop,
    private readonly compliance: Compliance,
    /** Cards across the chain: the check's answers at payment and the live reports (sync/cards.ts). */
    private readonly chain: ChainAtCounter = NO_CHAIN,
  ) {
    this.views = new TradeViews(sql, compliance, clock);
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  row(id: string): TradeRow {
    const r = this.views.trade(id);
    if (!r) throw new AppError('NOT_FOUND', 'no such trade', { tradeId: id });
    return r;
  }

  /** A trade that can still change (not paid, not voided). */
  editable(id: string): TradeRow {
    const t = this.row(id);
    if (t.status === 'paid' || t.status === 'voided')
      throw new AppError('CONFLICT', `the trade is ${t.status}`, { tradeId: id, status: t.status });
    return t;
  }

  /**
   * draft (no offer yet) → quoted (offers out) → agreed (every line agreed); and the trade's totals. Returns the
   * rows it read and the offer it stored, so the answer is built from them instead of reading them again.
   */
  private refreshStatus(
    t: TradeRow,
    lines: ViewLine[] = this.views.lines(t.id),
    groups: ViewGroup[] = this.views.groups(t.id, lines),
  ): { known: { trade: TradeRow; lines: ViewLine[]; groups: ViewGroup[] }; offerFen: number } {
    const tradeId = t.id;
    const groupOf = (l: ViewLine) => groups.find((g) => g.group_key === l.group_key);
    const priced = lines.filter((l) => l.group_key !== null);
    const allAgreed = lines.length > 0 && lines.every((l) => groupOf(l)?.agreed_bp != null);
    const status = allAgreed ? 'agreed' : priced.length > 0 ? 'quoted' : 'draft';
    const value = lines.reduce((sum, l) => sum + l.value_fen, 0);
    const offer = lines.reduce((sum, l) => {
      const g = groupOf(l);
      return sum + (g ? linePayout(l.value_fen, g.agreed_bp ?? g.current_bp) : 0);
    }, 0);
    this.sql.run(
      'UPDATE trades SET status = ?, cards = ?, value_fen = ?, offer_fen = ? WHERE id = ?',
      status,
      lines.length,
      value,
      offer,
      tradeId,
    );
    return { known: { trade: { ...t, status }, lines, groups }, offerFen: offer };
  }

  /** The status and totals after a change to the trade read as `t`, and the answer from the same rows. */
  private settle(t: TradeRow, lines?: ViewLine[], groups?: ViewGroup[], rounds?: ViewRound[]): TradeView {
    return this.views.get(t.id, { ...this.refreshStatus(t, lines, groups).known, rounds });
  }

  create(act: Acting): TradeView {
    const id = this.ids.next();
    const date = this.days.businessDateAt(this.clock.now());
    const createdAt = this.now();
    this.sql.run(
      "INSERT INTO trades (id, status, staff_id, created_at, business_date) VALUES (?, 'draft', ?, ?, ?)",
      id,
      act.staffId,
      createdAt,
      date,
    );
    // The answer from the row just written: no customer, no card, no void yet.
    const trade: TradeRow = {
      id,
      customer_id: null,
      trade_no: null,
      status: 'draft',
      staff_id: act.staffId,
      created_at: createdAt,
      business_date: date,
      paid_at: null,
      payout_fen: null,
      rounding_fen: null,
      void_reason: null,
      pay_request_id: null,
      funds_source: null,
      funds_note: null,
      staff_name: act.name,
      c_phone_masked: null,
      c_name: null,
      c_id_type: null,
      c_id_masked: null,
      c_status: null,
      c_block_reason: null,
      v_at: null,
      v_reason: null,
      v_refund_cash_fen: null,
      v_staff_name: null,
      v_approver: null,
      c_day_key: null,
      c_day_others_fen: 0,
    };
    return this.views.get(id, { trade, lines: [], groups: [] });
  }

  addLine(tradeId: string, input: LineInput, act: Acting): TradeView {
    const t = this.editable(tradeId);
    const c = this.lines.check(tradeId, input, act);
    const id = this.ids.next();
    const verifiedAt = input.verifiedHow === 'none' ? null : this.now();
    // The next position is taken in the insert itself (a removed line keeps its position).
    const position = this.sql.get(
      LinePosition,
      `INSERT INTO trade_lines (id, trade_id, position, brand, form, face_value_fen, value_fen, number_enc, number_hash, last4,
         secret_enc, expiry, notes, verified_how, verified_at, watch_override, consecutive_with, chain_hash)
       VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM trade_lines WHERE trade_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING position`,
      id,
      tradeId,
      tradeId,
      input.brand,
      input.form,
      c.faceValueFen,
      c.valueFen,
      this.keys.encrypt(numberAad(id), c.number),
      c.hash,
      c.last4,
      c.secret === null ? null : this.keys.encrypt(secretAad(id), c.secret),
      input.expiry ?? null,
      input.notes ?? '',
      input.verifiedHow,
      verifiedAt,
      c.watchOverride,
      c.consecutiveWith,
      c.chainHash,
    )?.position;
    if (position === undefined) throw new Error('the new line was not written');
    // The answer from the lines the check read and the line just written.
    const line: ViewLine = {
      id,
      position,
      brand: input.brand,
      form: input.form,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      last4: c.last4,
      face_value_fen: c.faceValueFen,
      value_fen: c.valueFen,
      verified_how: input.verifiedHow,
      verified_at: verifiedAt,
      group_key: null,
      rate_bp: null,
      payout_fen: null,
      expiry: input.expiry ?? null,
      notes: input.notes ?? '',
      number_hash: c.hash,
      unpriced: null,
      chain_hash: c.chainHash,
      hq_check: null,
      hq_seen: null,
    };
    return this.settle(t, [...c.lines, line]);
  }

  /**
   * Takes a card out before payment. The line is marked removed (never deleted); the group it leaves is offered
   * again (agreed or not) and keeps its rounds; a group left without a card is retired under a key of its own with
   * its rounds, so the record keeps every round made.
   */
  removeLine(tradeId: string, lineId: string, act: Acting): { trade: TradeView; line: ViewLine } {
    const t = this.editable(tradeId);
    const lines = this.views.lines(tradeId);
    const line = lines.find((x) => x.id === lineId);
    if (!line) throw new AppError('NOT_FOUND', 'no such line in this trade', { field: 'lineId' });
    this.sql.run('UPDATE trade_lines SET removed = 1 WHERE id = ?', lineId);
    const rest = lines.filter((x) => x.id !== lineId);
    if (line.group_key === null) return { trade: this.settle(t, rest), line };
    const groups = this.views.groups(tradeId, lines);
    return { trade: this.offerAgain(t, rest, groups, [line.group_key], act), line };
  }

  /**
   * Corrects a card before payment: its value V (never above its face value), expiry and notes. A new value prices
   * the card again: it moves to the group its value gives it, and every group whose cards change is offered again.
   */
  editLine(
    tradeId: string,
    lineId: string,
    change: { valueFen?: number; expiry?: string | null; notes?: string },
    act: Acting,
  ): { trade: TradeView; before: ViewLine; after: ViewLine } {
    const t = this.editable(tradeId);
    const lines = this.views.lines(tradeId);
    const before = lines.find((x) => x.id === lineId);
    if (!before) throw new AppError('NOT_FOUND', 'no such line in this trade', { field: 'lineId' });
    const valueFen = change.valueFen ?? before.value_fen;
    if (valueFen > before.face_value_fen)
      throw new AppError('VALIDATION', 'the value cannot be above the face value', {
        field: 'valueFen',
        maxFen: before.face_value_fen,
      });
    const moved = valueFen !== before.value_fen && before.group_key !== null;
    const groups = moved ? this.views.groups(tradeId, lines) : [];
    const from = groups.find((g) => g.group_key === before.group_key);
    // The card keeps the owner's manual exit of the group it leaves; its new group is where its new value puts it.
    const manual = from ? this.manualOf(from) : undefined;
    let to: string | null = null;
    if (moved) {
      try {
        to = this.pricing.price(before.brand, before.form, valueFen, manual).groupKey;
      } catch (e) {
        if (!(e instanceof AppError) || (e.code !== 'STALE_QUOTES' && e.code !== 'NO_ELIGIBLE_QUOTE')) throw e;
      }
    }
    // A card that stays in its group keeps the offer made there; one that leaves is a card never priced at this
    // value (its old group's offer was for another card), so no earlier offer follows it.
    const stays = to !== null && to === before.group_key;
    const after: ViewLine = {
      ...before,
      value_fen: valueFen,
      expiry: change.expiry === undefined ? before.expiry : change.expiry,
      notes: change.notes ?? before.notes,
      // Why a card waited was about its old value: the next offer says again.
      unpriced: valueFen !== before.value_fen ? null : before.unpriced,
      ...(moved ? { group_key: stays ? before.group_key : null, rate_bp: null, payout_fen: null } : {}),
    };
    this.sql.run(
      'UPDATE trade_lines SET value_fen = ?, expiry = ?, notes = ?, group_key = ?, rate_bp = ?, payout_fen = ?, unpriced = ? WHERE id = ?',
      after.value_fen,
      after.expiry,
      after.notes,
      after.group_key,
      after.rate_bp,
      after.payout_fen,
      after.unpriced,
      lineId,
    );
    const next = lines.map((x) => (x.id === lineId ? after : x));
    if (!moved || before.group_key === null) return { trade: this.settle(t, next), before, after };
    const changed = [before.group_key, ...(to !== null ? [to] : [])];
    const trade = this.offerAgain(t, next, groups, changed, act, true, (id) => (id === lineId ? manual : undefined));
    return { trade, before, after };
  }

  /** The owner's manual exit a group was priced on, if it was. */
  private manualOf(g: ViewGroup): ManualExit | undefined {
    const basis = this.views.explanation(g.explanation).basis;
    return basis.kind === 'manual' ? { exitBp: g.best_exit_bp, reason: basis.reason } : undefined;
  }

  /**
   * After the cards of some groups changed: a group left without a card is retired (kept, with its rounds, under
   * a key of its own); an agreed one whose cards changed is opened again at the rate agreed (a shop round records
   * it: the shop never offers less); then every group not agreed is offered again as F4 does.
   */
  private offerAgain(
    t: TradeRow,
    lines: ViewLine[],
    groups: ViewGroup[],
    changed: string[],
    act: Acting,
    /** Offer even when no group is left (a card that was priced must be priced again). */
    always = false,
    exitFor: (lineId: string) => ManualExit | undefined = () => undefined,
  ): TradeView {
    let kept = groups;
    let live = lines;
    for (const key of new Set(changed)) {
      const g = kept.find((x) => x.group_key === key);
      if (!g) continue;
      if (!live.some((l) => l.group_key === key)) {
        const retired = `${key}~${this.ids.next()}`;
        this.sql.run('UPDATE trade_groups SET group_key = ? WHERE trade_id = ? AND group_key = ?', retired, t.id, key);
        this.sql.run('UPDATE rounds SET group_key = ? WHERE trade_id = ? AND group_key = ?', retired, t.id, key);
        kept = kept.filter((x) => x !== g);
      } else if (g.agreed_bp !== null) {
        this.sql.run('UPDATE trade_groups SET agreed_bp = NULL WHERE trade_id = ? AND group_key = ?', t.id, key);
        this.sql.run(
          'UPDATE trade_lines SET rate_bp = NULL, payout_fen = NULL WHERE trade_id = ? AND group_key = ? AND removed = 0',
          t.id,
          key,
        );
        this.round(t.id, key, g.rounds + 1, 'shop', 'opening', g.current_bp, act);
        kept = kept.map((x) => (x === g ? { ...g, agreed_bp: null } : x));
        live = live.map((l) => (l.group_key === key ? { ...l, rate_bp: null, payout_fen: null } : l));
      }
    }
    if (live.length === 0 || (kept.length === 0 && !always)) return this.settle(t, live, kept);
    return this.priceLines(t, live, kept, act, { strict: false, exitFor });
  }

  /** Records a balance check just made: of one card, or of every card of the trade. */
  verify(
    tradeId: string,
    lineId: string | undefined,
    how: 'official' | 'customer_screen',
  ): { trade: TradeView; lines: ViewLine[] } {
    const t = this.editable(tradeId);
    const lines = this.views.lines(tradeId);
    const checked = lineId === undefined ? lines : lines.filter((l) => l.id === lineId);
    if (lineId !== undefined && checked.length === 0)
      throw new AppError('NOT_FOUND', 'no such line in this trade', { field: 'lineId' });
    if (checked.length === 0) throw new AppError('VALIDATION', 'add a card first', { field: 'lines' });
    const at = this.now();
    if (lineId === undefined)
      this.sql.run(
        'UPDATE trade_lines SET verified_how = ?, verified_at = ? WHERE trade_id = ? AND removed = 0',
        how,
        at,
        tradeId,
      );
    else this.sql.run('UPDATE trade_lines SET verified_how = ?, verified_at = ? WHERE id = ?', how, at, lineId);
    const now = lines.map((l) =>
      lineId === undefined || l.id === lineId ? { ...l, verified_how: how, verified_at: at } : l,
    );
    return { trade: this.views.get(tradeId, { trade: t, lines: now }), lines: checked };
  }

  private round(
    tradeId: string,
    key: string,
    n: number,
    actor: ViewRound['actor'],
    kind: ViewRound['kind'],
    rateBp: number,
    act: Acting,
  ): ViewRound {
    const at = this.now();
    this.sql.run(
      'INSERT INTO rounds (trade_id, group_key, n, actor, kind, rate_bp, at, staff_id, approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      tradeId,
      key,
      n,
      actor,
      kind,
      rateBp,
      at,
      act.staffId,
      act.approvedBy(),
    );
    // As the view reads it: the names of the staff member and of the approving owner.
    return {
      group_key: key,
      n,
      actor,
      kind,
      rate_bp: rateBp,
      at,
      staff_name: act.name,
      approved_by: act.approval()?.ownerName ?? null,
    };
  }

  /**
   * F4: prices every line not yet agreed; lines with identical pricing inputs share one negotiation. A group
   * already offered is priced again with the settings in force, never below the offer already made, its rounds
   * kept (reprice.ts); an agreed group never moves. A card no fresh quote prices waits, marked with why, while the
   * others are offered; only when no card at all can be priced is the offer refused. The owner's manual exit
   * prices the cards it names (or every card not yet priced).
   */
  offer(tradeId: string, act: Acting, manual?: ManualExit & { lineIds?: string[] }): TradeView {
    const t = this.editable(tradeId);
    const live = this.views.lines(tradeId);
    if (live.length === 0) throw new AppError('VALIDATION', 'add a card first', { field: 'lines' });
    if (manual) act.requireOwner('manual exit rate');
    const named = manual?.lineIds ? new Set(manual.lineIds) : null;
    if (named && [...named].some((id) => !live.some((l) => l.id === id && l.group_key === null)))
      throw new AppError('VALIDATION', 'a manual exit names the cards not yet priced', {
        field: 'manualExit.lineIds',
      });
    const exit = manual ? { exitBp: manual.exitBp, reason: manual.reason } : undefined;
    // The trade's groups (none before the first offer: a group lives only while one of its live lines carries it).
    return this.priceLines(t, live, this.views.groups(tradeId, live), act, {
      strict: true,
      exitFor: (id) => (named === null || named.has(id) ? exit : undefined),
    });
  }

  /** The offer's plan for `live` against the groups `groups`, written; answers the trade as written. */
  private priceLines(
    t: TradeRow,
    live: ViewLine[],
    groups: ViewGroup[],
    act: Acting,
    opts: { strict: boolean; exitFor: (lineId: string) => ManualExit | undefined },
  ): TradeView {
    const tradeId = t.id;
    const old = new Map(groups.map((g) => [g.group_key, g]));
    const priced = new Map<string, PricingView | AppError>();
    const unpriced = new Map<string, AppError>();
    const plan = planOffer(
      live.map((l) => ({ id: l.id, valueFen: l.value_fen, key: l.group_key, line: l })),
      new Map(
        [...old.values()].map((g) => [
          g.group_key,
          {
            key: g.group_key,
            currentBp: g.current_bp,
            rounds: g.rounds,
            maxRounds: g.max_rounds,
            lastAskBp: g.last_ask_bp,
            final: g.final === 1,
            agreedBp: g.agreed_bp,
            explanation: g.explanation,
          },
        ]),
      ),
      ({ line }, from) => {
        // A group the owner priced by hand keeps that exit; a new line takes a manual exit given for it.
        const had = from ? old.get(from.key) : undefined;
        const exit = had ? this.manualOf(had) : from ? undefined : opts.exitFor(line.id);
        const inputs = `${line.brand}/${line.form}/${line.value_fen}/${exit ? `${exit.exitBp}/${exit.reason}` : ''}`;
        let p = priced.get(inputs);
        if (!p) {
          try {
            p = this.pricing.price(line.brand, line.form, line.value_fen, exit);
          } catch (e) {
            if (!(e instanceof AppError) || (e.code !== 'STALE_QUOTES' && e.code !== 'NO_ELIGIBLE_QUOTE')) throw e;
            p = e;
          }
          priced.set(inputs, p);
        }
        if (!(p instanceof AppError)) return p;
        // An offer already made stands when its quotes have gone stale since; a new card waits, marked.
        if (from) return 'keep';
        unpriced.set(line.id, p);
        return 'none';
      },
    );
    if (opts.strict && unpriced.size > 0 && live.every((l) => unpriced.has(l.id))) {
      const first = unpriced.values().next().value;
      if (first) throw first;
    }
    // On a first offer the trade has no rounds but the openings written here (a round lives only with its group).
    const wrote: ViewRound[] = [];
    const inserted = plan.groups.flatMap((w) => {
      const row = this.writeGroup(tradeId, w, act, wrote);
      return row ? [row] : [];
    });
    for (const key of plan.drop) {
      this.sql.run('DELETE FROM rounds WHERE trade_id = ? AND group_key = ?', tradeId, key);
      this.sql.run('DELETE FROM trade_groups WHERE trade_id = ? AND group_key = ?', tradeId, key);
    }
    // Lines of one new key in one statement; a line joining an agreed group takes its rate.
    const moved = new Map<string, string[]>();
    for (const l of live) {
      const key = plan.keyOf.get(l.id);
      if (key !== undefined && key !== l.group_key) moved.set(key, [...(moved.get(key) ?? []), l.id]);
    }
    for (const [key, ids] of moved)
      this.sql.run(
        'UPDATE trade_lines SET group_key = ?, unpriced = NULL WHERE id IN (SELECT value FROM json_each(?))',
        key,
        JSON.stringify(ids),
      );
    // Why a card waits, written where it changed.
    const waiting = new Map<string, string[]>();
    for (const l of live) {
      const code = unpriced.get(l.id)?.code;
      if ((code === 'STALE_QUOTES' || code === 'NO_ELIGIBLE_QUOTE') && l.unpriced !== code)
        waiting.set(code, [...(waiting.get(code) ?? []), l.id]);
    }
    for (const [code, ids] of waiting)
      this.sql.run(
        'UPDATE trade_lines SET unpriced = ? WHERE id IN (SELECT value FROM json_each(?))',
        code,
        JSON.stringify(ids),
      );
    for (const l of live) {
      const agreed = plan.joinAgreed.get(l.id);
      if (agreed !== undefined && l.rate_bp !== agreed)
        this.sql.run(
          'UPDATE trade_lines SET rate_bp = ?, payout_fen = ? WHERE id = ?',
          agreed,
          linePayout(l.value_fen, agreed),
          l.id,
        );
    }
    // The lines as just written, for the status and the answer; on a first offer every group is one just inserted.
    const lines = live.map((l): ViewLine => {
      const key = plan.keyOf.get(l.id) ?? l.group_key;
      const agreed = plan.joinAgreed.get(l.id);
      const code = unpriced.get(l.id)?.code;
      const why = code === 'STALE_QUOTES' || code === 'NO_ELIGIBLE_QUOTE' ? code : key === null ? l.unpriced : null;
      return agreed === undefined
        ? { ...l, group_key: key, unpriced: why }
        : { ...l, group_key: key, unpriced: why, rate_bp: agreed, payout_fen: linePayout(l.value_fen, agreed) };
    });
    return old.size === 0 ? this.settle(t, lines, ordered(inserted, lines), wrote) : this.settle(t, lines);
  }

  /**
   * One group of an offer as planned: inserted, priced again in place, or carried over under its new key. Answers
   * the row of a group it inserted, as written; the opening round it writes is added to `wrote`.
   */
  private writeGroup(tradeId: string, w: GroupWrite, act: Acting, wrote: ViewRound[]): ViewGroup | null {
    const p = w.p;
    if (w.how.kind === 'update' && w.how.unchanged) return null;
    const best = p.explanation.basis.kind === 'quote' ? [p.explanation.basis.quoteId] : [];
    const snapshot = JSON.stringify(
      this.snapshot(
        p.brand,
        best,
        p.explanation.verdicts.filter((v) => v.netBp !== null).map((v) => v.quoteId),
      ),
    );
    const values = [
      p.brand,
      p.form,
      p.bandMinFen,
      p.bandMaxFen,
      p.tierBp,
      p.bestExitBp,
      p.adjBp,
      p.hardCapBp,
      p.ceilingBp,
      p.targetBp,
      p.openingBp,
      p.stepBp,
      w.currentBp,
      w.lastAskBp,
      w.rounds,
      Number(w.final),
      p.maxRounds,
      JSON.stringify(p.explanation),
      snapshot,
    ];
    let inserted: ViewGroup | null = null;
    if (w.how.kind === 'insert') {
      inserted =
        this.sql.get(
          ViewGroup,
          `INSERT INTO trade_groups (brand, form, band_min_fen, band_max_fen, tier_bp, best_exit_bp, adj_bp, hard_cap_bp, ceiling_bp,
           target_bp, opening_bp, step_bp, current_bp, last_ask_bp, rounds, final, max_rounds, explanation, quote_snapshot, trade_id, group_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
          ...values,
          tradeId,
          w.key,
        ) ?? null;
      if (!inserted) throw new Error('the new group was not written');
    } else {
      const from = w.how.kind === 'rename' ? w.how.from : w.key;
      this.sql.run(
        `UPDATE trade_groups SET brand = ?, form = ?, band_min_fen = ?, band_max_fen = ?, tier_bp = ?, best_exit_bp = ?, adj_bp = ?,
           hard_cap_bp = ?, ceiling_bp = ?, target_bp = ?, opening_bp = ?, step_bp = ?, current_bp = ?, last_ask_bp = ?, rounds = ?,
           final = ?, max_rounds = ?, explanation = ?, quote_snapshot = ?, group_key = ?
         WHERE trade_id = ? AND group_key = ?`,
        ...values,
        w.key,
        tradeId,
        from,
      );
      if (from !== w.key)
        this.sql.run('UPDATE rounds SET group_key = ? WHERE trade_id = ? AND group_key = ?', w.key, tradeId, from);
    }
    for (const from of w.copyRoundsFrom)
      this.sql.run(
        `INSERT INTO rounds (trade_id, group_key, n, actor, kind, rate_bp, at, staff_id, approved_by)
         SELECT trade_id, ?, n, actor, kind, rate_bp, at, staff_id, approved_by FROM rounds WHERE trade_id = ? AND group_key = ? ORDER BY id`,
        w.key,
        tradeId,
        from,
      );
    if (w.offerChanged) wrote.push(this.round(tradeId, w.key, w.rounds, 'shop', 'opening', w.currentBp, act));
    return inserted;
  }

  /**
   * The quotes behind a price, frozen with their values (spec §3.4 quote snapshot): the live quotes pricing read
   * (kept between changes to the quotes), else read again.
   */
  private snapshot(brand: string, best: string[], eligible: string[]): unknown[] {
    const ids = [...new Set([...best, ...eligible])];
    const rows =
      this.pricing.quotesUsed(brand, ids)?.map((r) => parseChecked(Snapshot, r)) ??
      this.sql.all(
        Snapshot,
        `SELECT id, source, form, min_value_fen, max_value_fen, rate_bp, fee_bp, fee_fixed_fen, min_amount_fen, settlement_days, observed_at, expires_at
       FROM quotes WHERE id IN (SELECT value FROM json_each(?))`,
        JSON.stringify(ids),
      );
    const quotes = new Map(rows.map((q) => [q.id, q]));
    return ids.map((id) => ({ ...quotes.get(id), best: best.includes(id) }));
  }

  private agree(open: OpenGroup, rateBp: number, act: Acting, n: number): TradeView {
    const { t, lines, groups, g } = open;
    const key = g.group_key;
    this.sql.run(
      'UPDATE trade_groups SET agreed_bp = ?, current_bp = ? WHERE trade_id = ? AND group_key = ?',
      rateBp,
      rateBp,
      t.id,
      key,
    );
    // Lines of one value get one payout: one statement for each value in the group.
    const byValue = new Map<number, string[]>();
    for (const l of lines)
      if (l.group_key === key) byValue.set(l.value_fen, [...(byValue.get(l.value_fen) ?? []), l.id]);
    for (const [valueFen, ids] of byValue) {
      this.sql.run(
        'UPDATE trade_lines SET rate_bp = ?, payout_fen = ? WHERE id IN (SELECT value FROM json_each(?))',
        rateBp,
        linePayout(valueFen, rateBp),
        JSON.stringify(ids),
      );
    }
    const rounds = [...open.rounds, this.round(t.id, key, n, 'shop', 'agreed', rateBp, act)];
    const written = lines.map((l) =>
      l.group_key === key ? { ...l, rate_bp: rateBp, payout_fen: linePayout(l.value_fen, rateBp) } : l,
    );
    const { known, offerFen } = this.refreshStatus(
      t,
      written,
      groups.map((x) => (x === g ? { ...g, agreed_bp: rateBp, current_bp: rateBp } : x)),
    );
    // Spec §5: phone and identity before agreeing, on the payout at the current offers (this one included).
    const compliance = this.compliance.require(t, offerFen, act);
    return this.views.get(t.id, { ...known, rounds, compliance });
  }

  /** A group still open to negotiation, with the trade's lines and groups as read (kept as they are written). */
  private openGroup(tradeId: string, key: string): OpenGroup {
    const t = this.editable(tradeId);
    const lines = this.views.lines(tradeId);
    const { groups, rounds } = this.views.groupsAndRounds(tradeId, lines);
    const g = groups.find((x) => x.group_key === key);
    if (!g) throw new AppError('NOT_FOUND', 'no such group in this trade', { field: 'groupKey' });
    if (g.agreed_bp !== null)
      throw new AppError('CONFLICT', 'this group is already agreed', { field: 'groupKey', agreedBp: g.agreed_bp });
    return { t, lines, groups, rounds, g };
  }

  private onStep(rateBp: number, g: ViewGroup, field: string): void {
    if (rateBp % g.step_bp !== 0)
      throw new AppError('VALIDATION', 'the rate is not on the step', { field, stepBp: g.step_bp });
  }

  /** F5: the customer asks; the service agrees, proposes, or answers a final offer. */
  ask(
    tradeId: string,
    key: string,
    askBp: number,
    act: Acting,
  ): { outcome: 'agreed' | 'proposal' | 'final'; rateBp: number; trade: TradeView } {
    const open = this.openGroup(tradeId, key);
    const { t, g } = open;
    this.onStep(askBp, g, 'askBp');
    const n = g.rounds + 1;
    const rounds = [...open.rounds, this.round(tradeId, key, n, 'customer', 'ask', askBp, act)];
    const out = respondToAsk(
      {
        currentBp: g.current_bp,
        ceilingBp: g.ceiling_bp,
        stepBp: g.step_bp,
        roundsSoFar: g.rounds,
        // The limit the group was offered under: a later change of the setting waits for the next F4.
        maxRounds: g.max_rounds,
        final: g.final === 1,
      },
      askBp,
    );
    this.sql.run(
      'UPDATE trade_groups SET last_ask_bp = ?, rounds = ? WHERE trade_id = ? AND group_key = ?',
      askBp,
      n,
      tradeId,
      key,
    );
    const asked = { ...g, last_ask_bp: askBp, rounds: n };
    const withGroup = (x: ViewGroup) => open.groups.map((y) => (y === g ? x : y));
    if (out.kind === 'agreed') {
      return {
        outcome: out.kind,
        rateBp: out.rateBp,
        trade: this.agree({ ...open, groups: withGroup(asked), rounds, g: asked }, out.rateBp, act, n),
      };
    }
    const final = out.kind === 'final' || out.final;
    this.sql.run(
      'UPDATE trade_groups SET current_bp = ?, final = ? WHERE trade_id = ? AND group_key = ?',
      out.rateBp,
      Number(final),
      tradeId,
      key,
    );
    const answered = this.round(tradeId, key, n, 'shop', final ? 'final' : 'proposal', out.rateBp, act);
    return {
      outcome: out.kind,
      rateBp: out.rateBp,
      trade: this.settle(t, open.lines, withGroup({ ...asked, current_bp: out.rateBp, final: Number(final) }), [
        ...rounds,
        answered,
      ]),
    };
  }

  /**
   * F6: agree at the current offer, or at the customer's ask. Above the ceiling (never above the cap) needs the
   * owner; the shop never agrees below what it offered.
   */
  accept(tradeId: string, key: string, rateBp: number | undefined, act: Acting): TradeView {
    const open = this.openGroup(tradeId, key);
    const { g } = open;
    const rate = rateBp ?? g.current_bp;
    this.onStep(rate, g, 'rateBp');
    if (rate < g.current_bp)
      throw new AppError('VALIDATION', 'below the offer already made', { field: 'rateBp', minBp: g.current_bp });
    // The offer already made stands even where a later F4 lowered the cap or the ceiling below it.
    if (rate > Math.max(g.hard_cap_bp, g.current_bp))
      throw new AppError('VALIDATION', 'above the hard cap', { field: 'rateBp', maxBp: g.hard_cap_bp });
    if (rate > Math.max(g.ceiling_bp, g.current_bp)) act.requireOwner('rate above the ceiling');
    else if (rate !== g.current_bp && rate !== g.last_ask_bp) {
      throw new AppError('VALIDATION', 'agree at the current offer or at the customer’s ask', { field: 'rateBp' });
    }
    return this.agree(open, rate, act, g.rounds + 1);
  }

  private nextTradeNo(businessDate: string): string {
    const name = `trade:${businessDate}`;
    const seq =
      this.sql.get(
        CounterValue,
        'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
        name,
      )?.value ?? 1;
    const code = this.shop.get()?.code ?? 'SHOP';
    return `${code}-${compact(businessDate)}-${String(seq).padStart(4, '0')}`;
  }

  /**
   * F8: pays an agreed trade once, whatever the retries (spec §4). `paid` is false for a retry of the payment
   * already made (the same request id), which answers the trade as it is and writes nothing.
   */
  pay(
    tradeId: string,
    requestId: string,
    parts: PaymentPart[],
    act: Acting,
    overrideReason?: string,
  ): { trade: TradeView; paid: boolean } {
    // The trade, and whether this request id already paid another one, in one statement.
    const t = this.views.tradeForPayment(tradeId, requestId);
    if (!t) throw new AppError('NOT_FOUND', 'no such trade', { tradeId });
    if (t.pay_request_id === requestId) return { trade: this.views.get(tradeId, { trade: t }), paid: false };
    if (t.other !== null) throw new AppError('CONFLICT', 'this request id paid another trade', { field: 'requestId' });
    if (t.status === 'paid')
      throw new AppError('CONFLICT', 'the trade is already paid', { tradeId, tradeNo: t.trade_no ?? '' });
    if (t.status === 'voided') throw new AppError('CONFLICT', 'the trade is voided', { tradeId, status: 'voided' });
    if (t.status !== 'agreed')
      throw new AppError('CONFLICT', 'every card must be agreed before paying', { tradeId, status: t.status });
    // Past its cut-off the open day takes no more payments (spec §1): it is rolled over first.
    const day = this.days.requireTrading();
    const lines = this.lines.forPayment(tradeId);

    const minutes = this.settings.get('verifyWindowMinutes');
    const window = minutes * 60_000;
    const now = this.clock.now();
    const stale = lines.filter(
      (l) => l.verified_how === 'none' || l.verified_at === null || Date.parse(l.verified_at) < now - window,
    );
    if (stale.length > 0) act.requireOwner('unverified card', { minutes });
    const earlier = lines.find((l) => l.earlier !== null);
    if (earlier) {
      throw new AppError('DUPLICATE_CARD', 'this card was already bought', {
        line: earlier.position,
        tradeNo: earlier.earlier ?? '',
      });
    }
    // Head office's card check, as stored on the lines: another shop of the chain bought a card (sync-protocol.md v2).
    const chainOn = this.chain.applies();
    const hit = chainOn ? lines.find((l) => l.hq_check === 'hit') : undefined;
    if (hit) {
      const seen = hit.hq_seen === null ? null : readJson(HqSeen, hit.hq_seen);
      const details = {
        line: hit.position,
        last4: hit.last4,
        shopName: seen?.shopName ?? '',
        paidAt: seen?.paidAt ?? '',
      };
      if (!overrideReason)
        this.compliance.refuse('CHAIN_DUPLICATE', 'another shop of the chain bought this card', details, act, tradeId);
      act.override('chain duplicate override', overrideReason, tradeId);
    }

    const payout = lines.reduce((sum, l) => sum + (l.payout_fen ?? 0), 0);
    const cashParts = parts.filter((p) => p.method === 'cash');
    if (cashParts.length > 1) throw new AppError('VALIDATION', 'one cash part at most', { field: 'parts' });
    parts.forEach((p, i) => {
      if (p.method !== 'cash' && !p.reference?.trim())
        throw new AppError('VALIDATION', 'a non-cash part needs its reference number', {
          field: `parts.${i}.reference`,
        });
    });
    const nonCash = parts.filter((p) => p.method !== 'cash').reduce((s, p) => s + p.amountFen, 0);
    if (nonCash > payout)
      throw new AppError('VALIDATION', 'the parts add up to more than the payout', {
        field: 'parts',
        payoutFen: payout,
      });
    const { cashFen, roundingFen } =
      cashParts.length > 0
        ? roundCashDown(payout - nonCash, this.settings.get('cashRounding'))
        : { cashFen: 0, roundingFen: 0 };
    const cashGiven = cashParts[0]?.amountFen ?? 0;
    if (
      cashGiven !== cashFen ||
      nonCash + cashFen + roundingFen !== payout ||
      (cashParts.length === 0 && nonCash !== payout)
    ) {
      throw new AppError('VALIDATION', 'the parts do not add up to the payout', {
        field: 'parts',
        payoutFen: payout,
        cashFen,
      });
    }
    // Spec §5 again at the paying day's date; what it found is stored with the payment.
    const check = this.compliance.require({ ...t, business_date: day.business_date }, payout, act);
    if (!check.cashAllowed && cashFen > 0) {
      this.compliance.refuse(
        'CASH_NOT_ALLOWED',
        'the customer’s day total allows no cash: bank transfer only',
        { field: 'parts', dayTotalFen: check.dayTotalFen, limitFen: this.settings.get('compliance').noCashDayFen },
        act,
        tradeId,
      );
    }
    // Spec §5: at that day total WeChat Pay and Alipay are not bank transfers either.
    const wallet = check.cashAllowed ? -1 : parts.findIndex((p) => p.method !== 'cash' && p.method !== 'bank');
    if (wallet >= 0) {
      this.compliance.refuse(
        'BANK_TRANSFER_ONLY',
        'the customer’s day total allows bank transfers only',
        { field: `parts.${wallet}.method`, method: parts[wallet]?.method ?? '', dayTotalFen: check.dayTotalFen },
        act,
        tradeId,
      );
    }
    if (cashFen > 0 && cashFen > this.days.expectedCash(day.id)) {
      throw this.days.short(act, 'parts', this.days.expectedCash(day.id));
    }

    const tradeNo = this.nextTradeNo(day.business_date);
    const paidAt = this.now();
    const payments = parts.map((p) => ({
      method: p.method,
      amount_fen: p.amountFen,
      reference: p.reference?.trim() ?? '',
    }));
    for (const p of payments)
      this.sql.run(
        'INSERT INTO payments (id, trade_id, method, amount_fen, reference) VALUES (?, ?, ?, ?, ?)',
        this.ids.next(),
        tradeId,
        p.method,
        p.amount_fen,
        p.reference,
      );
    this.sql.run(
      `UPDATE trades SET status = 'paid', trade_no = ?, paid_at = ?, paid_day = ?, business_date = ?, pay_request_id = ?, payout_fen = ?, rounding_fen = ?,
         compliance = ? WHERE id = ?`,
      tradeNo,
      paidAt,
      day.id,
      day.business_date,
      requestId,
      payout,
      roundingFen,
      JSON.stringify({
        phone: check.phoneRequired,
        identity: check.identityRequired,
        because: check.identityBecause,
        cashAllowed: check.cashAllowed,
        dayTotalFen: check.dayTotalFen,
      }),
      tradeId,
    );
    this.compliance.fixIdentityOnTrade(
      tradeId,
      { id: t.customer_id, hasIdentity: t.c_id_masked !== null },
      { source: t.funds_source, note: t.funds_note },
    );
    let paidLines = lines;
    if (chainOn) {
      // A card without the check's answer is paid unchecked; a hit let through by the owner is recorded so.
      if (lines.some((l) => l.chain_hash !== null && (l.hq_check === null || l.hq_check === 'hit'))) {
        this.sql.run(
          `UPDATE trade_lines SET hq_check = CASE hq_check WHEN 'hit' THEN 'hit_overridden' ELSE 'unchecked' END
           WHERE trade_id = ? AND removed = 0 AND chain_hash IS NOT NULL AND (hq_check IS NULL OR hq_check = 'hit')`,
          tradeId,
        );
        paidLines = lines.map((l) =>
          l.chain_hash === null
            ? l
            : l.hq_check === null
              ? { ...l, hq_check: 'unchecked' as const }
              : l.hq_check === 'hit'
                ? { ...l, hq_check: 'hit_overridden' as const }
                : l,
        );
      }
      // The live report of the cards bought, sent by its own worker after the commit.
      this.chain.bought(tradeId, tradeNo, paidAt, paidLines);
    }
    // The answer from what was just read and written: the lines, the payments and the compliance basis.
    const paid = {
      ...t,
      status: 'paid' as const,
      trade_no: tradeNo,
      paid_at: paidAt,
      business_date: day.business_date,
      pay_request_id: requestId,
      payout_fen: payout,
      rounding_fen: roundingFen,
    };
    return {
      trade: this.views.get(tradeId, { trade: paid, lines: paidLines, payments, compliance: check }),
      paid: true,
    };
  }

  /** Before payment: the trade is marked voided. After: a reversing entry on today's open day; the paid trade stays. */
  void(tradeId: string, reason: string, act: Acting): TradeView {
    const t = this.row(tradeId);
    if (t.status === 'voided' || this.sql.exists('SELECT 1 FROM trade_voids WHERE trade_id = ?', tradeId)) {
      throw new AppError('CONFLICT', 'the trade is already voided', { tradeId, status: 'voided' });
    }
    if (t.status !== 'paid') {
      this.sql.run("UPDATE trades SET status = 'voided', void_reason = ? WHERE id = ?", reason, tradeId);
      return this.views.get(tradeId);
    }
    act.requireOwner('void after payment');
    const day = this.days.requireOpen();
    const cash =
      this.sql.get(
        N,
        "SELECT COALESCE(SUM(amount_fen), 0) AS n FROM payments WHERE trade_id = ? AND method = 'cash'",
        tradeId,
      )?.n ?? 0;
    this.sql.run(
      'INSERT INTO trade_voids (id, trade_id, day_id, at, staff_id, approved_by, reason, refund_cash_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      this.ids.next(),
      tradeId,
      day.id,
      this.now(),
      act.staffId,
      act.approvedBy(),
      reason,
      cash,
    );
    this.chain.voided(tradeId, t.trade_no ?? '', this.now());
    return this.views.get(tradeId);
  }

  revealSecret(lineId: string): { number: string; secret: string | null } {
    const l = this.sql.get(SealedCard, 'SELECT number_enc, secret_enc FROM trade_lines WHERE id = ?', lineId);
    if (!l) throw new AppError('NOT_FOUND', 'no such line', { field: 'lineId' });
    return {
      number: this.keys.decrypt(numberAad(lineId), l.number_enc),
      secret: l.secret_enc ? this.keys.decrypt(secretAad(lineId), l.secret_enc) : null,
    };
  }
}
