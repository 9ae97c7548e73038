// Pure crypto helpers: scrypt for PINs and the passphrase, AES-256-GCM for fields and key wrapping.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  scrypt as scryptCallback,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
/** PINs: cheap enough to check at the counter; the 5-try lockout is the real defence. */
export const PIN_SCRYPT: ScryptParams = { N: 1 << 14, r: 8, p: 1 };
/**
 * The recovery passphrase guards every key and can be tried by anyone at the window: 128 MiB and a few hundred
 * milliseconds a try, always derived with `scryptAsync` so that the work runs on libuv's thread pool.
 */
export const PASSPHRASE_SCRYPT: ScryptParams = { N: 1 << 17, r: 8, p: 1 };

// scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below what the passphrase's cost needs.
const maxmem = (params: ScryptParams) => 256 * params.N * params.r;

export function scrypt(secret: string, salt: Buffer, params: ScryptParams, len = 32): Buffer {
  return scryptSync(secret, salt, len, { ...params, maxmem: maxmem(params) });
}

/** The same derivation off the main thread: the window and every other call stay responsive while it runs. */
export function scryptAsync(secret: string, salt: Buffer, params: ScryptParams, len = 32): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(secret, salt, len, { ...params, maxmem: maxmem(params) }, (e, key) =>
      e ? reject(e) : resolve(key),
    );
  });
}

export function hashPin(pin: string, salt: Buffer, params: ScryptParams = PIN_SCRYPT): string {
  const h = scrypt(pin, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), h.toString('base64')].join('$');
}

export function checkPin(pin: string, stored: string): boolean {
  const [kind, N, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = scrypt(pin, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) }, expected.length);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

const VERSION = 1;

/** [version 1][iv 12][tag 16][ciphertext], bound to `aad` (the table and row it belongs to). */
export function seal(key: Buffer, iv: Buffer, plain: Buffer, aad: string): Buffer {
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), ct]);
}

/** Throws when the key is wrong or the bytes were changed. */
export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error('not a sealed value');
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([d.update(sealed.subarray(29)), d.final()]);
}

export function hmacHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}
