// The server key (head-office.md): shop secrets and the chain key are sealed with it (AES-256-GCM, each value
// bound to what it is) before they reach the database. It comes from CARDDESK_HQ_KEY (64 hex characters) or a
// key file (0600, made on first start); the database keeps only a check value, so a wrong key is refused at start.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_HEX = /^[0-9a-f]{64}$/i;

export class ServerKeyError extends Error {
  override name = 'ServerKeyError';
}

export class ServerKey {
  private constructor(private readonly key: Buffer) {}

  static fromHex(hex: string): ServerKey {
    if (!KEY_HEX.test(hex.trim())) throw new ServerKeyError('the server key must be 64 hex characters (32 bytes)');
    return new ServerKey(Buffer.from(hex.trim(), 'hex'));
  }

  /**
   * CARDDESK_HQ_KEY when set; else the key file, made (0600, 32 random bytes) when it does not exist yet and
   * `create` allows it.
   */
  static load(o: { env?: string; file: string; create: boolean }): ServerKey {
    if (o.env) return ServerKey.fromHex(o.env);
    if (fs.existsSync(o.file)) return ServerKey.fromHex(fs.readFileSync(o.file, 'utf8'));
    if (!o.create)
      throw new ServerKeyError(`no server key: set CARDDESK_HQ_KEY or give --key-file (${o.file} does not exist)`);
    fs.mkdirSync(path.dirname(o.file), { recursive: true });
    const hex = randomBytes(32).toString('hex');
    fs.writeFileSync(o.file, `${hex}\n`, { mode: 0o600, flag: 'wx' });
    return ServerKey.fromHex(hex);
  }

  /** base64(iv ‖ tag ‖ ciphertext), bound to `aad` (what the value is: `shop:SH01:2`, `chain`). */
  seal(aad: string, plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(aad));
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }

  open(aad: string, sealed: string): string {
    const b = Buffer.from(sealed, 'base64');
    const d = createDecipheriv('aes-256-gcm', this.key, b.subarray(0, 12));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(b.subarray(12, 28));
    return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
  }

  /** What the database keeps to tell the right key from another: an HMAC of a constant, never the key. */
  check(): string {
    return createHmac('sha256', this.key).update('carddesk-hq-server-key-check').digest('hex');
  }

  matches(check: string): boolean {
    const mine = Buffer.from(this.check(), 'hex');
    const theirs = Buffer.from(check, 'hex');
    return mine.length === theirs.length && timingSafeEqual(mine, theirs);
  }
}
