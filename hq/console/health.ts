// The shops as the console lists them (head-office.md "Shops"): each with its sync health, read from what head
// office records — the days held (last day, Z numbers, chain gaps), the refused pushes (conflicts, rejected days),
// and what the shop says of itself on each request (last contact, app and schema version, chain-key fingerprint).
import { z } from 'zod';
import { ShopRow } from '../db/rows';
import type { Queryable } from '../db/types';

const int = z.number().int();
const DayStats = z.object({
  shop_id: z.string(),
  days: int,
  last_date: z.string(),
  last_z: int,
  z_gaps: int,
  chain_gaps: int,
});
const RefusalStats = z.object({ shop_id: z.string(), conflicts: int, rejected: int });

export interface ShopHealth {
  shopId: string;
  name: string;
  city: string;
  group: string;
  enabled: boolean;
  createdAt: number;
  days: number;
  lastDay: string | null;
  lastZ: number | null;
  /** Z numbers missing between the first and the last day held (a shop closed on a holiday makes no gap). */
  zGaps: number;
  conflicts: number;
  rejected: number;
  chainGaps: number;
  lastContactAt: number | null;
  appVersion: string | null;
  schemaVersion: string | null;
  chainFingerprint: string | null;
  /** The shop names a chain key other than head office's (null: one side has none yet). */
  chainMismatch: boolean | null;
}

export interface ShopFilter {
  /** Only these groups (a manager's); null: every shop. */
  groups: string[] | null;
  group?: string;
  city?: string;
}

export async function shopsWithHealth(q: Queryable, chain: string | null, f: ShopFilter): Promise<ShopHealth[]> {
  const shops = (await q.all(ShopRow, 'SELECT * FROM shops ORDER BY shop_id')).filter(
    (s) =>
      (f.groups === null || f.groups.includes(s.group_name)) &&
      (!f.group || s.group_name === f.group) &&
      (!f.city || s.city === f.city),
  );
  if (shops.length === 0) return [];
  const ids = shops.map((s) => s.shop_id);
  const days = await q.all(
    DayStats,
    `SELECT shop_id, COUNT(*)::int AS days, MAX(business_date) AS last_date,
       (ARRAY_AGG(z_number ORDER BY business_date DESC))[1] AS last_z,
       COALESCE(SUM(GREATEST(z_number - prev_z - 1, 0)), 0)::int AS z_gaps,
       COUNT(*) FILTER (WHERE warnings LIKE '%chain_gap%')::int AS chain_gaps
     FROM (SELECT shop_id, business_date, z_number, warnings,
             LAG(z_number) OVER (PARTITION BY shop_id ORDER BY z_number) AS prev_z
           FROM days WHERE shop_id = ANY($1::text[])) d
     GROUP BY shop_id`,
    [ids],
  );
  const refusals = await q.all(
    RefusalStats,
    `SELECT shop_id, COUNT(*) FILTER (WHERE status = 409)::int AS conflicts,
       COUNT(*) FILTER (WHERE status = 422)::int AS rejected
     FROM day_refusals WHERE shop_id = ANY($1::text[]) GROUP BY shop_id`,
    [ids],
  );
  const byDay = new Map(days.map((d) => [d.shop_id, d]));
  const byRefusal = new Map(refusals.map((r) => [r.shop_id, r]));
  return shops.map((s) => {
    const d = byDay.get(s.shop_id);
    const r = byRefusal.get(s.shop_id);
    const [app, schema] = (s.app_version ?? '').split('/');
    return {
      shopId: s.shop_id,
      name: s.name,
      city: s.city,
      group: s.group_name,
      enabled: s.enabled,
      createdAt: s.created_at,
      days: d?.days ?? 0,
      lastDay: d?.last_date ?? null,
      lastZ: d?.last_z ?? null,
      zGaps: d?.z_gaps ?? 0,
      conflicts: r?.conflicts ?? 0,
      rejected: r?.rejected ?? 0,
      chainGaps: d?.chain_gaps ?? 0,
      lastContactAt: s.last_contact_at,
      appVersion: app || null,
      schemaVersion: schema || null,
      chainFingerprint: s.chain_fingerprint,
      chainMismatch: chain && s.chain_fingerprint ? s.chain_fingerprint !== chain : null,
    };
  });
}

/** Every group and city named by a shop the person may see, for the filters. */
export async function groupsAndCities(
  q: Queryable,
  groups: string[] | null,
): Promise<{ groups: string[]; cities: string[] }> {
  const shops = (await q.all(ShopRow, 'SELECT * FROM shops')).filter(
    (s) => groups === null || groups.includes(s.group_name),
  );
  const sorted = (xs: string[]) => [...new Set(xs.filter(Boolean))].sort();
  return { groups: sorted(shops.map((s) => s.group_name)), cities: sorted(shops.map((s) => s.city)) };
}
