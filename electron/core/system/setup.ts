// First run (spec §6): the shop, its owner, the shipped catalogue and quotes, and the keys, in one transaction;
// and the two uses of the recovery passphrase afterwards (unlocking the keys on a new PC, an owner's lost PIN).
// Every passphrase is derived off the main thread first (scrypt on libuv's pool), throttled where anyone may try,
// and only then are the writes made, in one transaction.
import { AppError, type ShopView } from '../../../shared/contract';
import { judgePassphrase } from '../../../shared/domain/passphrase-strength';
import type { RecoveryThrottle } from '../auth/throttle';
import type { Catalog } from '../catalog/service';
import type { Keys } from '../keys/service';
import type { Clock, Ids } from '../ports';
import type { Quotes } from '../quotes/service';
import type { Shop } from '../shop/service';
import { requireStrongPin, type Staff, type StaffRow } from '../staff/service';

export interface SetupDeps {
  shop: Shop;
  staff: Staff;
  keys: Keys;
  catalog: Catalog;
  quotes: Quotes;
  clock: Clock;
  ids: Ids;
  throttle: RecoveryThrottle;
  /** A transaction with the same rollback care as dispatch's (these calls are not one transaction). */
  tx<T>(fn: () => T): T;
}

export class Setup {
  constructor(private readonly d: SetupDeps) {}

  /** Sets the shop up and answers its owner. The keys are created last, so that nothing after them can fail. */
  async complete(
    input: { shop: ShopView; owner: { name: string; pin: string }; passphrase: string },
    journal: (owner: StaffRow) => void,
  ): Promise<StaffRow> {
    const { shop, staff, keys } = this.d;
    if (shop.get()) throw new AppError('CONFLICT', 'the shop is already set up');
    // Before the keys are wrapped (the slow part): a weak PIN is refused at once.
    requireStrongPin(input.owner.pin, 'owner.pin');
    const verdict = judgePassphrase(input.passphrase);
    if (!verdict.strong) {
      throw new AppError('PASSPHRASE_WEAK', 'the passphrase is too easy to guess: use the generated one', {
        field: 'passphrase',
        bits: verdict.bits,
        needBits: verdict.need,
      });
    }
    const prepared = await keys.prepare(input.passphrase);
    return this.d.tx(() => {
      // Another window may have finished the set-up while the keys were being wrapped.
      if (shop.get()) throw new AppError('CONFLICT', 'the shop is already set up');
      const at = new Date(this.d.clock.now()).toISOString();
      const installId = this.d.ids.next();
      shop.setInstallId(installId);
      shop.create({ ...input.shop }, at);
      const owner = staff.add({ name: input.owner.name, role: 'owner', pin: input.owner.pin }, 'owner.pin');
      this.d.catalog.seedShipped();
      this.d.quotes.seedShipped();
      journal(owner);
      keys.create(installId, prepared);
      return owner;
    });
  }

  /** A new PC or user account: the keys from the passphrase; `journal` runs in the transaction that adopts them. */
  async unlockKeys(passphrase: string, journal: (rewrapped: string | null) => void): Promise<void> {
    const installId = this.d.shop.installId();
    if (!installId) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
    if (this.d.keys.state === 'ready') return;
    const opened = await this.d.throttle.run('keys.unlock', () => this.d.keys.open(passphrase));
    this.d.tx(() => journal(this.d.keys.unlock(installId, opened).rewrapped));
  }

  /** Spec §6: an active owner who forgot the PIN sets a new one with the shop's recovery passphrase. */
  async recoverOwnerPin(
    staffId: string,
    passphrase: string,
    pin: string,
    journal: (owner: StaffRow, rewrapped: string | null) => void,
  ): Promise<StaffRow> {
    const r = this.d.staff.row(staffId);
    if (r.role !== 'owner' || r.active !== 1)
      throw new AppError('FORBIDDEN', 'only an active owner recovers a PIN with the passphrase', { staffId: r.id });
    if (!this.d.shop.installId()) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
    // Before the passphrase is tried: a weak new PIN costs no guess of the passphrase.
    requireStrongPin(pin, 'newPin');
    const opened = await this.d.throttle.run('auth.recoverOwnerPin', () => this.d.keys.open(passphrase));
    return this.d.tx(() => {
      const rewrapped = this.d.keys.rewrap(opened);
      const owner = this.d.staff.setPin(r.id, pin);
      journal(owner, rewrapped);
      return owner;
    });
  }
}
