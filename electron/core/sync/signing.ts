// Request signing of sync-protocol.md, used by the shop's client and by the reference head office alike.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';
export const SKEW_SECONDS = 300;

export const sha256Hex = (body: string | Buffer) => createHash('sha256').update(body).digest('hex');

/** `hex(HMAC-SHA256(shopSecret, timestamp + "." + method + "." + path + "." + hex(SHA-256(body))))`. */
export function signature(
  secret: string,
  timestamp: number,
  method: string,
  pathWithQuery: string,
  body: string | Buffer,
): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.${method}.${pathWithQuery}.${sha256Hex(body)}`)
    .digest('hex');
}

export function signedHeaders(
  shopId: string,
  secret: string,
  nowMs: number,
  method: string,
  pathWithQuery: string,
  body: string,
): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  return {
    'X-CardDesk-Shop': shopId,
    'X-CardDesk-Timestamp': String(ts),
    'X-CardDesk-Signature': `${SIGNATURE_VERSION}=${signature(secret, ts, method, pathWithQuery, body)}`,
  };
}

/** Constant-time comparison of a presented `v1=<hex>` header with the expected signature. */
export function signatureMatches(presented: string, expectedHex: string): boolean {
  const m = /^v1=([0-9a-f]{64})$/.exec(presented);
  if (!m) return false;
  return timingSafeEqual(Buffer.from(m[1] ?? '', 'hex'), Buffer.from(expectedHex, 'hex'));
}

/** Card and watch-list hashes compared with head office: `hex(HMAC-SHA256(chainKey, normalised number))`. */
export const chainHash = (chainKey: string, normalised: string) =>
  createHmac('sha256', chainKey).update(normalised).digest('hex');
