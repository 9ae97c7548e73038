// Canonical JSON (RFC 8785, JCS): journal hashes at the shop, ledger hashes on both sides of sync.
import canonicalize from 'canonicalize';

/** A lone surrogate (a UTF-16 half without its other half): JCS refuses it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Deeper than this, `canonicalize` decides (it runs out of stack sooner than `JSON.stringify`, and refuses). */
const MAX_DEPTH = 256;

/**
 * Whether `JSON.stringify(value)` already is its canonical form: plain objects and arrays (no `toJSON`) whose keys
 * come in UTF-16 order (as a body parsed from canonical text has them), finite numbers, well-formed strings, and
 * nothing that JSON leaves out or turns into something else (undefined, a function, a symbol).
 */
function stringifiesCanonically(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case 'string':
      return !LONE_SURROGATE.test(value);
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH || 'toJSON' in value) return false;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (const v of value) if (!stringifiesCanonically(v, depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      const o = value as Record<string, unknown>;
      let prev: string | null = null;
      for (const k in o) {
        if (prev !== null && !(prev < k)) return false;
        if (LONE_SURROGATE.test(k) || !stringifiesCanonically(o[k], depth + 1)) return false;
        prev = k;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * The canonical text of a value. A day's body arrives in canonical order already, and its canonical text is then
 * what `JSON.stringify` writes (RFC 8785 serialises numbers and strings as ECMAScript does): that is checked and
 * used, several times faster on a day of hundreds of trades; anything else is sorted and written by `canonicalize`.
 */
export function jcs(value: unknown): string {
  if (stringifiesCanonically(value)) return JSON.stringify(value);
  const s = canonicalize(value);
  if (s === undefined) throw new Error('value cannot be canonicalised');
  return s;
}
