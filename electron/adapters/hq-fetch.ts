// Head office over HTTP(S) with Node's global fetch; a timeout aborts the request.
import type { Hq, HqRequest, HqResponse } from '../core/ports';

export const fetchHq: Hq = {
  async request(r: HqRequest): Promise<HqResponse> {
    const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(r.timeoutMs), redirect: 'error' });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    return { status: res.status, headers, body: await res.text() };
  },
};
