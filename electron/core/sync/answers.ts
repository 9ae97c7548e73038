// Head office's answers (sync-protocol.md), one schema each, parsed where they are read. A body that is not JSON
// throws as before; a body of another shape reads as null (or its parts fall back), never as a cast.
import { z } from 'zod';
import { PricingValuesInput } from '../../../shared/contract/calls-pricing';

export function answer<S extends z.ZodType>(schema: S, body: string): z.output<S> | null {
  const r = schema.safeParse(JSON.parse(body));
  return r.success ? r.data : null;
}

/** 401: why the request was refused, and head office's clock when it was the skew. */
export const Refused = z.object({ error: z.string().optional(), serverTime: z.number().optional() });
/** GET /v1/ping */
export const Ping = z.object({ serverTime: z.number() });
/** 200/201 to a sealed day: stored, perhaps with warnings. */
export const Stored = z.object({ warnings: z.array(z.unknown()).optional() });
/** 422: why the day was rejected. */
export const Rejected = z.object({ reason: z.union([z.string(), z.number()]) });
/** GET …/quotes: the feed (its quotes are checked row by row by the quotes service) and its ETag. */
export const Feed = z.object({ quotes: z.unknown(), etag: z.string().nullable().catch(null) });
/** One entry of head office's watch list: a chain hash, never a number; or its removal (a tombstone, v2). */
export const WatchEntry = z.union([
  z.object({
    kind: z.enum(['card', 'id']),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    reason: z.string(),
    addedAt: z.string(),
  }),
  z.object({ kind: z.enum(['card', 'id']), hash: z.string().regex(/^[0-9a-f]{64}$/), removed: z.literal(true) }),
]);
/** GET …/watchlist: entries since the cursor; a malformed entry is skipped. */
export const WatchList = z.object({
  entries: z.array(z.unknown()).catch([]),
  cursor: z.union([z.string(), z.number()]).optional().catch(undefined),
});
/** GET …/state: what head office holds, after a restore. */
export const RemoteState = z.object({ lastZNumber: z.number(), lastBusinessDate: z.string().nullable().catch(null) });
/** GET …/pricing (v2): head office's brands, calendar demand and promotions for this shop's group, and its ETag. */
export const HqPricing = z.object({
  brands: z.array(z.unknown()).max(100),
  calendar: PricingValuesInput.shape.calendar,
  promotions: PricingValuesInput.shape.promotions,
  etag: z.string().max(200).nullable().catch(null),
});
