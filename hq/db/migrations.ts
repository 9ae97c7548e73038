// Head office's schema, one migration a version; versions only increase. SQL that PostgreSQL 15 and PGlite (18)
// both accept. Times are epoch seconds (bigint), dates `YYYY-MM-DD` text, money fen and rates bp (integers).
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'foundation',
    sql: `
CREATE TABLE hq_meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE shops (
  shop_id text PRIMARY KEY CHECK (shop_id ~ '^[A-Za-z0-9]{2,8}$'),
  name text NOT NULL,
  city text NOT NULL DEFAULT '',
  group_name text NOT NULL DEFAULT '',
  enabled boolean NOT NULL DEFAULT true,
  created_at bigint NOT NULL,
  app_version text,
  chain_fingerprint text,
  last_contact_at bigint
);

-- Each secret sealed with the server key; the current one has no end, a rotated one ends after its grace period.
CREATE TABLE shop_secrets (
  shop_id text NOT NULL REFERENCES shops (shop_id),
  seq integer NOT NULL,
  secret_enc text NOT NULL,
  created_at bigint NOT NULL,
  valid_until bigint,
  PRIMARY KEY (shop_id, seq)
);

-- v2 nonces seen within the skew window: a signed request is accepted once, whichever process receives it.
CREATE TABLE nonces (
  shop_id text NOT NULL,
  nonce text NOT NULL,
  seen_at bigint NOT NULL,
  PRIMARY KEY (shop_id, nonce)
);
CREATE INDEX nonces_seen ON nonces (seen_at);

-- One row per shop-day, stored once (the primary key); the body byte for byte as the shop froze it.
CREATE TABLE days (
  shop_id text NOT NULL REFERENCES shops (shop_id),
  business_date text NOT NULL CHECK (business_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  z_number integer NOT NULL,
  schema integer NOT NULL,
  ledger_hash text NOT NULL,
  journal_head text NOT NULL,
  prev_journal_head text,
  grand_total_fen bigint NOT NULL,
  expected_margin_fen bigint NOT NULL,
  warnings text NOT NULL,
  body text NOT NULL,
  stored_at bigint NOT NULL,
  PRIMARY KEY (shop_id, business_date)
);

-- Each card of a stored day (last 4 and chain hash only): what later corrections and summaries refer to.
CREATE TABLE cards (
  shop_id text NOT NULL,
  trade_no text NOT NULL,
  position integer NOT NULL,
  business_date text NOT NULL,
  last4 text NOT NULL,
  card_hash text,
  brand text NOT NULL,
  form text NOT NULL,
  value_fen bigint NOT NULL,
  rate_bp integer NOT NULL,
  payout_fen bigint NOT NULL,
  voided boolean NOT NULL,
  batch_id text,
  outcome text CHECK (outcome IN ('settled', 'invalid', 'own_use')),
  proceeds_fen bigint,
  PRIMARY KEY (shop_id, trade_no, position),
  FOREIGN KEY (shop_id, business_date) REFERENCES days (shop_id, business_date)
);
CREATE INDEX cards_batch ON cards (shop_id, batch_id) WHERE batch_id IS NOT NULL;

-- Summaries kept as days arrive, by the business date the cards were bought, per brand and form.
CREATE TABLE day_figures (
  shop_id text NOT NULL,
  business_date text NOT NULL,
  brand text NOT NULL,
  form text NOT NULL,
  cards integer NOT NULL,
  value_fen bigint NOT NULL,
  payout_fen bigint NOT NULL,
  realised_margin_fen bigint NOT NULL,
  PRIMARY KEY (shop_id, business_date, brand, form)
);
CREATE TABLE month_figures (
  shop_id text NOT NULL,
  month text NOT NULL,
  brand text NOT NULL,
  form text NOT NULL,
  cards integer NOT NULL,
  value_fen bigint NOT NULL,
  payout_fen bigint NOT NULL,
  realised_margin_fen bigint NOT NULL,
  PRIMARY KEY (shop_id, month, brand, form)
);
CREATE INDEX month_figures_month ON month_figures (month);
-- What the Z-report gives for the whole day only (expected margin at best-exit rates), summed per month.
CREATE TABLE month_totals (
  shop_id text NOT NULL,
  month text NOT NULL,
  days integer NOT NULL,
  expected_margin_fen bigint NOT NULL,
  PRIMARY KEY (shop_id, month)
);
CREATE INDEX month_totals_month ON month_totals (month);

-- The quotes feed for every shop (one row) and the watch list (chain hashes, never a number).
CREATE TABLE feed (id integer PRIMARY KEY CHECK (id = 1), etag text NOT NULL, quotes text NOT NULL);
CREATE TABLE watch (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('card', 'id')),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  reason text NOT NULL,
  added_at text NOT NULL
);

-- Console accounts (the console is a later issue): the first owner comes from the create-owner command.
CREATE TABLE people (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('owner', 'manager')),
  password_hash text NOT NULL,
  created_at bigint NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'cards across the chain',
    sql: `
-- Sealed days: when each card was paid (for the check's answer), what head office's check said at the counter and
-- the trade's customer hash (schema 2). Days stored before keep their paid time from their body.
ALTER TABLE cards ADD COLUMN paid_at text;
ALTER TABLE cards ADD COLUMN hq_check text CHECK (hq_check IN ('clear', 'hit_overridden', 'unchecked'));
UPDATE cards c SET paid_at = t.value->>'paidAt'
  FROM days d, jsonb_array_elements(d.body::jsonb->'trades') t
  WHERE d.shop_id = c.shop_id AND d.business_date = c.business_date AND t.value->>'tradeNo' = c.trade_no;
CREATE INDEX cards_hash ON cards (card_hash) WHERE card_hash IS NOT NULL;

-- Bought and voided cards reported live (sync-protocol.md v2), each request's body hash kept for its replay.
CREATE TABLE live_trades (
  shop_id text NOT NULL REFERENCES shops (shop_id),
  trade_no text NOT NULL,
  paid_at text,
  voided boolean NOT NULL DEFAULT false,
  bought_sha text,
  voided_sha text,
  received_at bigint NOT NULL,
  PRIMARY KEY (shop_id, trade_no)
);
CREATE TABLE live_cards (
  shop_id text NOT NULL,
  trade_no text NOT NULL,
  position integer NOT NULL,
  card_hash text NOT NULL CHECK (card_hash ~ '^[0-9a-f]{64}$'),
  brand text NOT NULL,
  form text NOT NULL,
  value_fen bigint NOT NULL,
  PRIMARY KEY (shop_id, trade_no, position),
  FOREIGN KEY (shop_id, trade_no) REFERENCES live_trades (shop_id, trade_no)
);
CREATE INDEX live_cards_hash ON live_cards (card_hash);

-- Customers' payouts per business day and shop (customer hashes of sealed days; only while matching is on).
CREATE TABLE customer_days (
  customer_hash text NOT NULL,
  business_date text NOT NULL,
  shop_id text NOT NULL,
  trades integer NOT NULL,
  payout_fen bigint NOT NULL,
  PRIMARY KEY (customer_hash, business_date, shop_id)
);

-- Alerts for the console, each raised once: its kind, what it is about (a card or customer hash) and what makes it
-- one (the pair of purchases, or the business date).
CREATE TABLE alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('duplicate_card', 'customer_across_shops')),
  subject text NOT NULL,
  occasion text NOT NULL,
  detail text NOT NULL,
  raised_at bigint NOT NULL,
  UNIQUE (kind, subject, occasion)
);

-- Cards a shop recorded invalid after sale, proposed for the chain watch list (once per card).
CREATE TABLE watch_proposals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
  shop_id text NOT NULL,
  trade_no text NOT NULL,
  position integer NOT NULL,
  business_date text NOT NULL,
  proposed_at bigint NOT NULL,
  accepted_at bigint
);

-- A removal from the watch list is a new row (a tombstone), so shops pulling after their cursor drop it.
ALTER TABLE watch ADD COLUMN removed boolean NOT NULL DEFAULT false;

-- Brands, calendar demand and promotions set by head office, for all shops ('') or one group.
CREATE TABLE pricing (group_name text PRIMARY KEY, entries text NOT NULL, set_at bigint NOT NULL);
`,
  },
  {
    version: 3,
    name: 'console',
    sql: `
-- Regional managers see the shops of their groups only (a group is a shop's flat label, shops.group_name).
CREATE TABLE person_groups (
  person_id text NOT NULL REFERENCES people (id),
  group_name text NOT NULL,
  PRIMARY KEY (person_id, group_name)
);

-- Console sessions: the SHA-256 of the cookie's id, never the id; made at login only.
CREATE TABLE console_sessions (
  id_hash text PRIMARY KEY,
  person_id text NOT NULL REFERENCES people (id),
  created_at bigint NOT NULL,
  seen_at bigint NOT NULL
);

-- Failed logins per typed name (known or not): the lockout and its growing wait.
CREATE TABLE login_failures (
  name_key text PRIMARY KEY,
  failures integer NOT NULL,
  locked_until bigint NOT NULL
);

-- Head office's journal of console changes: append-only (a trigger refuses UPDATE and DELETE), each entry hashed
-- over the previous one's hash, as the shop's journal.
CREATE TABLE console_journal (
  seq bigint PRIMARY KEY,
  at bigint NOT NULL,
  person_id text,
  person_name text NOT NULL,
  kind text NOT NULL,
  target text NOT NULL,
  detail text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE FUNCTION console_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'console_journal is append-only';
END $$;
CREATE TRIGGER console_journal_append_only BEFORE UPDATE OR DELETE ON console_journal
  FOR EACH ROW EXECUTE FUNCTION console_journal_append_only();

-- Day pushes head office refused (409 a different body for a held day, 422 a body that cannot be right): the
-- shops screen counts them per shop.
CREATE TABLE day_refusals (
  shop_id text NOT NULL REFERENCES shops (shop_id),
  business_date text NOT NULL,
  status integer NOT NULL,
  reason text NOT NULL,
  times integer NOT NULL,
  last_at bigint NOT NULL,
  PRIMARY KEY (shop_id, business_date, status, reason)
);
`,
  },
  {
    version: 4,
    name: 'console levers',
    sql: `
-- A proposal for the watch list the owner dismissed on the console (not added; kept, with when).
ALTER TABLE watch_proposals ADD COLUMN dismissed_at bigint;

-- Quotes for the shops of one group, pulled after the feed for every shop (the same pull, its ETag over both).
CREATE TABLE group_quotes (group_name text PRIMARY KEY, quotes text NOT NULL, set_at bigint NOT NULL);
`,
  },
];
