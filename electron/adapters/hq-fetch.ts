// Head office over HTTP(S) with Node's global fetch; a timeout aborts the request, and the body is read only up to
// the request's limit (a declared length beyond it is refused before reading).
import { AnswerTooLarge, type Hq, type HqRequest, type HqResponse } from '../core/ports';

/** The body as text, reading no further than `maxBytes`; beyond it the download is cancelled. */
async function limitedText(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Cancelled without waiting: the refusal does not depend on the other end closing politely.
    res.body?.cancel().catch(() => undefined);
    throw new AnswerTooLarge(maxBytes);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw new AnswerTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const fetchHq: Hq = {
  async request(r: HqRequest): Promise<HqResponse> {
    const res = await fetch(r.url, {
      method: r.method,
      headers: r.headers,
      body: r.body,
      signal: AbortSignal.timeout(r.timeoutMs),
      redirect: 'error',
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    return { status: res.status, headers, body: await limitedText(res, r.maxBytes) };
  },
};
