// Requests to head office as a shop sends them, or as an attacker would: raw node:http, so any header or body goes.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { jcs } from '../../shared/protocol/canonical';
import { sha256Hex, signedHeaders } from '../../shared/protocol/signing';

export interface RawAnswer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function rawRequest(
  base: string,
  method: string,
  p: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const req = http.request(`${base}${p}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    req.end(body);
  });
}

export const newNonce = () => randomBytes(16).toString('hex');

/** A shop's signed request: v2 with a fresh nonce unless `v1` is asked for. */
export function signedRequest(
  base: string,
  shopId: string,
  secret: string,
  atSeconds: number,
  method: string,
  p: string,
  body: string,
  o: { v1?: boolean; nonce?: string; headers?: Record<string, string> } = {},
): Promise<RawAnswer & { nonce: string | null }> {
  const nonce = o.v1 ? null : (o.nonce ?? newNonce());
  const headers = {
    ...signedHeaders(shopId, secret, atSeconds * 1000, method, p, body, nonce ?? undefined),
    ...o.headers,
  };
  return rawRequest(base, method, p, body, headers).then((r) => ({ ...r, nonce }));
}

/** A sealed day's body (schema 1) with its ledger hash, as the shop freezes it; `extra` replaces members. */
export function dayBody(shopId: string, date: string, extra: Record<string, unknown> = {}): string {
  const body = {
    schema: 1,
    shopId,
    businessDate: date,
    zNumber: 1,
    openedAt: `${date}T01:00:00.000Z`,
    closedAt: `${date}T12:00:00.000Z`,
    summary: { grandTotalFen: 100 },
    trades: [],
    corrections: [],
    cash: [],
    alerts: [],
    journalHead: 'a'.repeat(64),
    prevDayJournalHead: null,
    ...extra,
  };
  return jcs({ ...body, ledgerHash: sha256Hex(jcs(body)) });
}
