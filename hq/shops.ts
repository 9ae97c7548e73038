// Shops of the chain (head-office.md): registered with a generated secret shown once and sealed with the server key,
// disabled (their requests answer 401), rotated with a grace period during which the old secret still verifies.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { Count, SecretRow, ShopRow } from './db/rows';
import type { Db } from './db/types';
import type { ServerKey } from './keys';

export type ShopView = z.infer<typeof ShopRow>;
export const SHOP_CODE = /^[A-Za-z0-9]{2,8}$/;
/** Letters and digits without look-alikes (no 0/O, 1/I/L), as the shop's recovery passphrase. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new shop secret: 8 groups of 4 (about 158 bits), typed into the shop's settings once. */
export function newShopSecret(): string {
  const groups = Array.from({ length: 8 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

export class ShopError extends Error {
  override name = 'ShopError';
}

const aad = (shopId: string, seq: number) => `shop:${shopId}:${seq}`;
const Seq = z.object({ seq: z.number().int() });
const Fresh = z.object({ fresh: z.boolean(), noted: z.number().int() });

export class Shops {
  constructor(
    private readonly db: Db,
    private readonly key: ServerKey,
    private readonly now: () => number,
  ) {}

  /** Registers a shop; answers its secret, which is shown once and never again. */
  async register(s: { shopId: string; name: string; city?: string; group?: string }, secret = newShopSecret()) {
    if (!SHOP_CODE.test(s.shopId)) throw new ShopError('a shop code is 2 to 8 letters or digits');
    if (secret.length < 16) throw new ShopError('a shop secret has at least 16 characters');
    await this.db.tx(async (q) => {
      const taken = await q.get(Count, 'SELECT COUNT(*)::int AS n FROM shops WHERE shop_id = $1', [s.shopId]);
      if ((taken?.n ?? 0) > 0) throw new ShopError(`shop ${s.shopId} is already registered`);
      await q.run('INSERT INTO shops (shop_id, name, city, group_name, created_at) VALUES ($1, $2, $3, $4, $5)', [
        s.shopId,
        s.name,
        s.city ?? '',
        s.group ?? '',
        this.now(),
      ]);
      await q.run('INSERT INTO shop_secrets (shop_id, seq, secret_enc, created_at) VALUES ($1, 1, $2, $3)', [
        s.shopId,
        this.key.seal(aad(s.shopId, 1), secret),
        this.now(),
      ]);
    });
    return { shopId: s.shopId, secret };
  }

  /** A shop's group (a flat label; one per shop) and, when given, its city. */
  async setGroup(shopId: string, group: string, city?: string): Promise<void> {
    const n = await this.db.run('UPDATE shops SET group_name = $2, city = COALESCE($3, city) WHERE shop_id = $1', [
      shopId,
      group.trim(),
      city?.trim() ?? null,
    ]);
    if (n !== 1) throw new ShopError(`no shop ${shopId}`);
  }

  async setEnabled(shopId: string, enabled: boolean): Promise<void> {
    const n = await this.db.run('UPDATE shops SET enabled = $2 WHERE shop_id = $1', [shopId, enabled]);
    if (n !== 1) throw new ShopError(`no shop ${shopId}`);
  }

  /** A new secret; the current one keeps verifying for `graceSeconds` (0: it stops now). */
  async rotate(shopId: string, graceSeconds: number, secret = newShopSecret()) {
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0)
      throw new ShopError('the grace period is whole seconds, 0 or more');
    const now = this.now();
    await this.db.tx(async (q) => {
      const last = await q.get(Seq, 'SELECT MAX(seq) AS seq FROM shop_secrets WHERE shop_id = $1 HAVING COUNT(*) > 0', [
        shopId,
      ]);
      if (!last) throw new ShopError(`no shop ${shopId}`);
      await q.run(
        'UPDATE shop_secrets SET valid_until = $2 WHERE shop_id = $1 AND (valid_until IS NULL OR valid_until > $2)',
        [shopId, now + graceSeconds],
      );
      const seq = last.seq + 1;
      await q.run('INSERT INTO shop_secrets (shop_id, seq, secret_enc, created_at) VALUES ($1, $2, $3, $4)', [
        shopId,
        seq,
        this.key.seal(aad(shopId, seq), secret),
        now,
      ]);
    });
    return { shopId, secret };
  }

  list(): Promise<ShopView[]> {
    return this.db.all(ShopRow, 'SELECT * FROM shops ORDER BY shop_id');
  }

  get(shopId: string): Promise<ShopView | undefined> {
    return this.db.get(ShopRow, 'SELECT * FROM shops WHERE shop_id = $1', [shopId]);
  }

  /** The secrets that verify a request now (the newest first), or null for an unknown or disabled shop. */
  async secretsFor(shopId: string): Promise<string[] | null> {
    const rows = await this.db.all(
      SecretRow,
      `SELECT s.seq, s.secret_enc, s.valid_until FROM shop_secrets s JOIN shops p ON p.shop_id = s.shop_id
       WHERE s.shop_id = $1 AND p.enabled AND (s.valid_until IS NULL OR s.valid_until > $2) ORDER BY s.seq DESC`,
      [shopId, this.now()],
    );
    if (rows.length === 0) return null;
    return rows.map((r) => this.key.open(aad(shopId, r.seq), r.secret_enc));
  }

  /**
   * A verified request: its v2 nonce taken (false when head office saw it already, and nothing is noted), and what
   * the shop said about itself (app and schema version, chain-key fingerprint) noted when it changed or once a
   * minute. One statement, so a request costs one round trip here.
   */
  async noteRequest(
    shopId: string,
    nonce: string | null,
    version: string | null,
    chain: string | null,
  ): Promise<boolean> {
    const now = this.now();
    const r = await this.db.get(
      Fresh,
      `WITH n AS (
         INSERT INTO nonces (shop_id, nonce, seen_at) SELECT $1, $2, $5 WHERE $2::text IS NOT NULL
         ON CONFLICT (shop_id, nonce) DO NOTHING RETURNING 1),
       c AS (
         UPDATE shops SET app_version = $3, chain_fingerprint = $4, last_contact_at = $5
         WHERE shop_id = $1 AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM n))
           AND (app_version IS DISTINCT FROM $3 OR chain_fingerprint IS DISTINCT FROM $4
             OR last_contact_at IS NULL OR last_contact_at < $5 - 60)
         RETURNING 1)
       SELECT ($2::text IS NULL OR EXISTS (SELECT 1 FROM n)) AS fresh, (SELECT COUNT(*) FROM c)::int AS noted`,
      [shopId, nonce, version, chain, now],
    );
    return r?.fresh ?? false;
  }
}
