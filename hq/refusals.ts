// Day pushes head office refused after the shop was verified (409: a different body for a day it holds; 422: a body
// that cannot be right), counted per shop and date for the console's sync health (docs/console.md).
import type { Queryable } from './db/types';

export async function noteRefusal(
  q: Queryable,
  shopId: string,
  date: string,
  status: 409 | 422,
  reason: string,
  now: number,
): Promise<void> {
  await q.run(
    `INSERT INTO day_refusals (shop_id, business_date, status, reason, times, last_at) VALUES ($1, $2, $3, $4, 1, $5)
     ON CONFLICT (shop_id, business_date, status, reason) DO UPDATE SET times = day_refusals.times + 1,
       last_at = excluded.last_at`,
    [shopId, date, status, reason.slice(0, 40), now],
  );
}
