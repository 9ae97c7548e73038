// One schema per row shape head office reads: nothing read from PostgreSQL is cast.
import { z } from 'zod';

const int = z.number().int();

export const ShopRow = z.object({
  shop_id: z.string(),
  name: z.string(),
  city: z.string(),
  group_name: z.string(),
  enabled: z.boolean(),
  created_at: int,
  app_version: z.string().nullable(),
  chain_fingerprint: z.string().nullable(),
  last_contact_at: int.nullable(),
});

export const SecretRow = z.object({ seq: int, secret_enc: z.string(), valid_until: int.nullable() });

export const DayRow = z.object({
  shop_id: z.string(),
  business_date: z.string(),
  z_number: int,
  schema: int,
  ledger_hash: z.string(),
  journal_head: z.string(),
  prev_journal_head: z.string().nullable(),
  grand_total_fen: int,
  expected_margin_fen: int,
  warnings: z.string(),
  body: z.string(),
  stored_at: int,
});

export const CardRow = z.object({
  business_date: z.string(),
  trade_no: z.string(),
  position: int,
  brand: z.string(),
  form: z.string(),
  value_fen: int,
  payout_fen: int,
  voided: z.boolean(),
  outcome: z.enum(['settled', 'invalid', 'own_use']).nullable(),
  proceeds_fen: int.nullable(),
  card_hash: z.string().nullable(),
});

export const FigureRow = z.object({
  brand: z.string(),
  form: z.string(),
  cards: int,
  value_fen: int,
  payout_fen: int,
  realised_margin_fen: int,
});

export const FeedRow = z.object({ etag: z.string(), quotes: z.string() });
export const WatchRow = z.object({
  seq: int,
  kind: z.enum(['card', 'id']),
  hash: z.string(),
  reason: z.string(),
  added_at: z.string(),
  removed: z.boolean(),
});
export const MetaRow = z.object({ value: z.string() });
export const Count = z.object({ n: int });
/** The alerts a statement raised (`INSERT INTO alerts … RETURNING id`). */
export const Raised = z.object({ id: int });
