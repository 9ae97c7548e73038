// The console's alerts (head-office.md "Alerts"; docs/console.md): what head office raised (a card bought in two
// shops, one customer across shops reaching the day threshold), what its records show (shops not reporting, chain
// gaps, a chain-key fingerprint other than head office's) and each shop's own alerts as its sealed days carry
// them — one list, grouped by kind, counted, filtered by kind, group and shop. A manager sees the alerts of their
// groups' shops; a shop of another group in the same alert is named as such, without its code or trade.
import { z } from 'zod';
import { addDays, localDate } from '../../shared/domain/dates';
import { ShopRow } from '../db/rows';
import type { Queryable } from '../db/types';
import { readMeta, writeMeta } from '../meta';
import { shopsWithHealth } from './health';

export const ALERT_KINDS = [
  'duplicate_card',
  'customer_across_shops',
  'not_reporting',
  'chain_gap',
  'fingerprint_mismatch',
  'shop_alert',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** "Not reporting": no day received for this many days (a setting; shops close on holidays). */
export const QUIET_DAYS = 'console_quiet_days';
export const DEFAULT_QUIET_DAYS = 3;
export const QUIET_DAYS_MAX = 60;
/** Each shop's own alerts are read from the days of this many days back. */
export const SHOP_ALERT_DAYS = 31;

export interface AlertShop {
  /** null: a shop of a group this person does not see. */
  shopId: string | null;
  name: string | null;
  group: string | null;
}
export interface AlertItem {
  kind: AlertKind;
  shops: AlertShop[];
  /** The business date it concerns, when it has one. */
  date: string | null;
  /** When head office raised or saw it (epoch seconds), when known. */
  at: number | null;
  detail: Record<string, string | number | null>;
}

const int = z.number().int();
const Raised = z.object({ kind: z.string(), occasion: z.string(), detail: z.string(), raised_at: int });
const Purchase = z.looseObject({ shopId: z.string(), tradeNo: z.string(), paidAt: z.string().nullable().optional() });
const Duplicate = z.looseObject({ purchases: z.array(Purchase) });
const Customer = z.looseObject({
  businessDate: z.string(),
  totalFen: int,
  thresholdFen: int,
  shops: z.array(z.looseObject({ shopId: z.string(), trades: int, payoutFen: int })),
});
const GapRow = z.object({ shop_id: z.string(), business_date: z.string(), stored_at: int });
const OwnRow = z.object({
  shop_id: z.string(),
  business_date: z.string(),
  kind: z.string().nullable(),
  trade_no: z.string().nullable(),
});

export async function quietDays(q: Queryable): Promise<number> {
  const v = await readMeta(q, QUIET_DAYS);
  return v === null ? DEFAULT_QUIET_DAYS : Number(v);
}
export async function setQuietDays(q: Queryable, days: number): Promise<void> {
  await writeMeta(q, QUIET_DAYS, String(days));
}

export interface AlertFilter {
  /** A manager's groups; null: every shop. */
  scope: string[] | null;
  kind?: string;
  group?: string;
  shop?: string;
  /** Today in China, where the shops are. */
  today: string;
  chainFingerprint: string | null;
}

export async function consoleAlerts(
  q: Queryable,
  f: AlertFilter,
): Promise<{ items: AlertItem[]; counts: Record<AlertKind, number>; quietDays: number; since: string }> {
  const all = await q.all(ShopRow, 'SELECT * FROM shops ORDER BY shop_id');
  const byId = new Map(all.map((s) => [s.shop_id, s]));
  const seen = (id: string) => {
    const s = byId.get(id);
    return !!s && (f.scope === null || f.scope.includes(s.group_name));
  };
  const shopOf = (id: string): AlertShop => {
    const s = byId.get(id);
    return s && seen(id)
      ? { shopId: s.shop_id, name: s.name, group: s.group_name }
      : { shopId: null, name: null, group: null };
  };
  const visibleIds = all.filter((s) => seen(s.shop_id)).map((s) => s.shop_id);
  const items: AlertItem[] = [];

  for (const r of await q.all(
    Raised,
    'SELECT kind, occasion, detail, raised_at FROM alerts ORDER BY raised_at DESC, id DESC LIMIT 2000',
  )) {
    if (r.kind === 'duplicate_card') {
      const d = Duplicate.safeParse(JSON.parse(r.detail));
      if (!d.success) continue;
      const ps = d.data.purchases;
      if (!ps.some((p) => seen(p.shopId))) continue;
      items.push({
        kind: 'duplicate_card',
        shops: ps.map((p) => shopOf(p.shopId)),
        date: null,
        at: r.raised_at,
        detail: Object.fromEntries(
          ps.flatMap((p, i) => [
            [`tradeNo${i + 1}`, seen(p.shopId) ? p.tradeNo : null],
            [`paidAt${i + 1}`, seen(p.shopId) ? (p.paidAt ?? null) : null],
          ]),
        ),
      });
    } else if (r.kind === 'customer_across_shops') {
      const d = Customer.safeParse(JSON.parse(r.detail));
      if (!d.success || !d.data.shops.some((s) => seen(s.shopId))) continue;
      items.push({
        kind: 'customer_across_shops',
        shops: d.data.shops.map((s) => shopOf(s.shopId)),
        date: d.data.businessDate,
        at: r.raised_at,
        detail: { totalFen: d.data.totalFen, thresholdFen: d.data.thresholdFen, shops: d.data.shops.length },
      });
    }
  }

  const quiet = await quietDays(q);
  const health = await shopsWithHealth(q, f.chainFingerprint, { groups: f.scope });
  const cutoff = addDays(f.today, -quiet);
  for (const h of health) {
    if (!h.enabled) continue;
    // A shop with no day at all counts from its registration; otherwise from its last day received.
    const registered = localDate(h.createdAt * 1000, 'Asia/Shanghai');
    const last = h.lastDay ?? registered;
    if (last < cutoff)
      items.push({
        kind: 'not_reporting',
        shops: [shopOf(h.shopId)],
        date: h.lastDay,
        at: h.lastContactAt,
        detail: { lastDay: h.lastDay, quietDays: quiet },
      });
    if (h.chainMismatch)
      items.push({
        kind: 'fingerprint_mismatch',
        shops: [shopOf(h.shopId)],
        date: null,
        at: h.lastContactAt,
        detail: { shopFingerprint: h.chainFingerprint, chainFingerprint: f.chainFingerprint },
      });
  }
  if (visibleIds.length > 0) {
    for (const g of await q.all(
      GapRow,
      `SELECT shop_id, business_date, stored_at FROM days
       WHERE shop_id = ANY($1::text[]) AND warnings LIKE '%chain_gap%' ORDER BY business_date DESC LIMIT 2000`,
      [visibleIds],
    ))
      items.push({ kind: 'chain_gap', shops: [shopOf(g.shop_id)], date: g.business_date, at: g.stored_at, detail: {} });
  }
  const since = addDays(f.today, -(SHOP_ALERT_DAYS - 1));
  if (visibleIds.length > 0) {
    for (const a of await q.all(
      OwnRow,
      `SELECT d.shop_id, d.business_date, a->>'kind' AS kind, a->>'tradeNo' AS trade_no
       FROM days d, jsonb_array_elements(COALESCE(d.body::jsonb->'alerts', '[]'::jsonb)) a
       WHERE d.shop_id = ANY($1::text[]) AND d.business_date >= $2
       ORDER BY d.business_date DESC, d.shop_id LIMIT 5000`,
      [visibleIds, since],
    ))
      items.push({
        kind: 'shop_alert',
        shops: [shopOf(a.shop_id)],
        date: a.business_date,
        at: null,
        detail: { shopKind: a.kind ?? '', tradeNo: a.trade_no },
      });
  }

  const narrowed = items.filter((i) =>
    i.shops.some((s) => s.shopId !== null && (!f.group || s.group === f.group) && (!f.shop || s.shopId === f.shop)),
  );
  const counts = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>;
  for (const i of narrowed) counts[i.kind] += 1;
  return {
    items: narrowed.filter((i) => !f.kind || i.kind === f.kind).slice(0, 1000),
    counts,
    quietDays: quiet,
    since,
  };
}
