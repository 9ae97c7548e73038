// The chain key (spec §6, sync-protocol.md): the same secret in every shop of one owner, kept encrypted in the
// settings. Hashes made with it are compared with head office's; until it is set they are null.
import type { Keys } from '../keys/service';
import type { Settings } from '../settings/service';
import { chainHash } from '../../../shared/protocol/signing';

export const SECRET_AAD = { shopSecret: 'sync.shopSecret', chainKey: 'sync.chainKey' } as const;

export class ChainKey {
  constructor(
    private readonly settings: Settings,
    private readonly keys: Keys,
  ) {}

  get(): string | null {
    const enc = this.settings.get('sync').chainKey;
    return enc ? this.keys.decrypt(SECRET_AAD.chainKey, Buffer.from(enc, 'base64')) : null;
  }

  /** The chain hash of an already normalised number, or null while the shop has no chain key. */
  hash(normalised: string): string | null {
    const key = this.get();
    return key ? chainHash(key, normalised) : null;
  }
}
