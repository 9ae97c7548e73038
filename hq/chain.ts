// The chain key (head-office.md): set once (typed, or generated and shown once), sealed with the server key like the
// shop secrets. Head office hashes what the owner enters for the watch list with it, and compares each shop's
// fingerprint with its own.
import { randomBytes } from 'node:crypto';
import { chainFingerprint, chainHash } from '../shared/protocol/signing';
import type { Db } from './db/types';
import type { ServerKey } from './keys';
import { initMeta, readMeta } from './meta';

const AAD = 'chain';
const KEY = 'chain_key';

export class ChainKeyError extends Error {
  override name = 'ChainKeyError';
}

export class ChainKey {
  private fingerprintCache: string | null | undefined;
  constructor(
    private readonly db: Db,
    private readonly key: ServerKey,
  ) {}

  /** Sets the chain key once (at least 16 characters, as the shop asks); a generated one when none is given. */
  async set(given?: string): Promise<string> {
    const value = given ?? randomBytes(24).toString('base64url');
    if (value.length < 16 || value.length > 200) throw new ChainKeyError('a chain key has 16 to 200 characters');
    if (!(await initMeta(this.db, KEY, this.key.seal(AAD, value))))
      throw new ChainKeyError('the chain key is already set and is never changed');
    this.fingerprintCache = chainFingerprint(value);
    return value;
  }

  async get(): Promise<string | null> {
    const sealed = await readMeta(this.db, KEY);
    return sealed ? this.key.open(AAD, sealed) : null;
  }

  /** `X-CardDesk-Chain` of head office's own key (it never changes once set, so it is read once). */
  async fingerprint(): Promise<string | null> {
    if (this.fingerprintCache) return this.fingerprintCache;
    const k = await this.get();
    this.fingerprintCache = k ? chainFingerprint(k) : null;
    return this.fingerprintCache;
  }

  async hash(normalised: string): Promise<string> {
    const k = await this.get();
    if (!k) throw new ChainKeyError('set the chain key first');
    return chainHash(k, normalised);
  }
}
