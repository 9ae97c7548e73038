// Canonical JSON (RFC 8785, JCS): journal hashes at the shop, ledger hashes on both sides of sync.
import canonicalize from 'canonicalize';

export function jcs(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new Error('value cannot be canonicalised');
  return s;
}
