// The head-office console as a browser would call it, over raw HTTP so every header is the test's choice: the
// session cookie kept like a browser's cookie jar, and the same-origin headers a browser sends (or not).
import { rawRequest, type RawAnswer } from './hq-requests';

export const OWNER = { name: '王总', password: 'the-owner-password-2026' };

export interface ConsoleAnswer extends RawAnswer {
  json: Record<string, unknown>;
}

/** The cookie a Set-Cookie header sets (`null` for a cleared one), and its attributes. */
export function setCookie(a: RawAnswer): { value: string | null; attributes: string[] } | null {
  const raw = a.headers['set-cookie']?.[0];
  if (!raw) return null;
  const [pair = '', ...attributes] = raw.split(';').map((x) => x.trim());
  const value = pair.slice(pair.indexOf('=') + 1);
  return { value: value || null, attributes };
}

export class ConsoleClient {
  /** The session cookie's value, as the browser holds it. */
  cookie: string | null = null;
  constructor(readonly base: string) {}

  /** A request; `site` is what the browser says of where it came from (`same-origin` by default, null: nothing). */
  async send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    o: { site?: string | null; origin?: string | null } = {},
  ): Promise<ConsoleAnswer> {
    const headers: Record<string, string> = {};
    const site = o.site === undefined ? 'same-origin' : o.site;
    if (site !== null) headers['Sec-Fetch-Site'] = site;
    if (o.origin) headers.Origin = o.origin;
    if (this.cookie) headers.Cookie = `carddesk_console=${this.cookie}`;
    const text = body === undefined ? '' : JSON.stringify(body);
    if (text) headers['Content-Type'] = 'application/json';
    const a = await rawRequest(this.base, method, `/console/api/${path}`, text, headers);
    const c = setCookie(a);
    if (c) this.cookie = c.value;
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(a.body) as Record<string, unknown>;
    } catch {
      json = {};
    }
    return { ...a, json };
  }

  login(name = OWNER.name, password = OWNER.password) {
    return this.send('POST', 'login', { name, password });
  }
}
