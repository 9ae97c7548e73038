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

  /**
   * The key, decrypted once for each stored value (a card added at a chain shop hashes its number with it): the
   * process holds the shop's data key already, and a new value in the settings is decrypted again.
   */
  get(): string | null {
    const enc = this.settings.get('sync').chainKey;
    if (!enc) return null;
    if (this.opened?.enc !== enc)
      this.opened = { enc, key: this.keys.decrypt(SECRET_AAD.chainKey, Buffer.from(enc, 'base64')) };
    return this.opened.key;
  }
  private opened: { enc: string; key: string } | null = null;

  /** The chain hash of an already normalised number, or null while the shop has no chain key. */
  hash(normalised: string): string | null {
    const key = this.get();
    return key ? chainHash(key, normalised) : null;
  }
}
