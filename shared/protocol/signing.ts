// Signing of sync-protocol.md, both sides: the shop's client signs its requests and checks head office's answers;
// head office (hq/) checks the requests and signs its answers. v1 requests are still accepted from shops that have
// not moved; v2 adds a nonce (accepted once) and the signed answer.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SKEW_SECONDS = 300;

export const HEADERS = {
  shop: 'X-CardDesk-Shop',
  timestamp: 'X-CardDesk-Timestamp',
  nonce: 'X-CardDesk-Nonce',
  signature: 'X-CardDesk-Signature',
  version: 'X-CardDesk-Version',
  chain: 'X-CardDesk-Chain',
} as const;

export const NONCE = /^[0-9a-f]{32}$/;

export const sha256Hex = (body: string | Buffer) => createHash('sha256').update(body).digest('hex');

const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** v1: `hex(HMAC-SHA256(shopSecret, timestamp + "." + method + "." + path + "." + hex(SHA-256(body))))`. */
export function signature(
  secret: string,
  timestamp: number,
  method: string,
  pathWithQuery: string,
  body: string | Buffer,
): string {
  return hmacHex(secret, `${timestamp}.${method}.${pathWithQuery}.${sha256Hex(body)}`);
}

/** v2: the nonce between the timestamp and the method. */
export function signatureV2(
  secret: string,
  timestamp: number,
  nonce: string,
  method: string,
  pathWithQuery: string,
  body: string | Buffer,
): string {
  return hmacHex(secret, `${timestamp}.${nonce}.${method}.${pathWithQuery}.${sha256Hex(body)}`);
}

/** Head office's answer to a v2 request: `hex(HMAC-SHA256(shopSecret, "answer." + nonce + "." + status + "." + hex(SHA-256(body))))`. */
export function answerSignature(secret: string, nonce: string, status: number, body: string | Buffer): string {
  return hmacHex(secret, `answer.${nonce}.${status}.${sha256Hex(body)}`);
}

/**
 * The request's signing headers. With a nonce (32 hex characters) the request is signed v2 and head office signs
 * its answer; without one, v1 (what a shop that has not moved sends).
 */
export function signedHeaders(
  shopId: string,
  secret: string,
  nowMs: number,
  method: string,
  pathWithQuery: string,
  body: string,
  nonce?: string,
): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  if (nonce === undefined)
    return {
      [HEADERS.shop]: shopId,
      [HEADERS.timestamp]: String(ts),
      [HEADERS.signature]: `v1=${signature(secret, ts, method, pathWithQuery, body)}`,
    };
  return {
    [HEADERS.shop]: shopId,
    [HEADERS.timestamp]: String(ts),
    [HEADERS.nonce]: nonce,
    [HEADERS.signature]: `v2=${signatureV2(secret, ts, nonce, method, pathWithQuery, body)}`,
  };
}

/** A presented `v1=<hex>` or `v2=<hex>` header, or null when it is neither. */
export function parseSignature(presented: string): { version: 'v1' | 'v2'; hex: string } | null {
  const m = /^(v1|v2)=([0-9a-f]{64})$/.exec(presented);
  return m ? { version: m[1] as 'v1' | 'v2', hex: m[2] ?? '' } : null;
}

/** Constant-time comparison of two hex signatures of 64 characters. */
export function sameSignature(presentedHex: string, expectedHex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(presentedHex) || !/^[0-9a-f]{64}$/.test(expectedHex)) return false;
  return timingSafeEqual(Buffer.from(presentedHex, 'hex'), Buffer.from(expectedHex, 'hex'));
}

/** Constant-time comparison of a presented `v1=<hex>` header with the expected v1 signature. */
export function signatureMatches(presented: string, expectedHex: string): boolean {
  const p = parseSignature(presented);
  return p !== null && p.version === 'v1' && sameSignature(p.hex, expectedHex);
}

/** Card and watch-list hashes compared with head office: `hex(HMAC-SHA256(chainKey, normalised number))`. */
export const chainHash = (chainKey: string, normalised: string) => hmacHex(chainKey, normalised);

/** `X-CardDesk-Chain`: the first 16 hex of HMAC-SHA256(chainKey, "carddesk-chain-fingerprint"). */
export const chainFingerprint = (chainKey: string) => hmacHex(chainKey, 'carddesk-chain-fingerprint').slice(0, 16);
