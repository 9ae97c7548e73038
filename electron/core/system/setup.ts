// First run (spec §6): the shop, its owner, the shipped catalogue and quotes, and the keys, in one transaction.
import { AppError, type ShopView } from '../../../shared/contract';
import type { Catalog } from '../catalog/service';
import { normalisePassphrase, type Keys } from '../keys/service';
import type { Clock, Ids } from '../ports';
import type { Quotes } from '../quotes/service';
import type { Shop } from '../shop/service';
import type { Staff, StaffRow } from '../staff/service';

export class Setup {
  constructor(
    private readonly shop: Shop,
    private readonly staff: Staff,
    private readonly keys: Keys,
    private readonly catalog: Catalog,
    private readonly quotes: Quotes,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /** Sets the shop up and answers its owner. The keys are created last, so that nothing after them can fail. */
  complete(input: { shop: ShopView; owner: { name: string; pin: string }; passphrase: string }, journal: (owner: StaffRow) => void): StaffRow {
    if (this.shop.get()) throw new AppError('CONFLICT', 'the shop is already set up');
    if (normalisePassphrase(input.passphrase).length < 16) {
      throw new AppError('VALIDATION', 'the passphrase is too short', { field: 'passphrase' });
    }
    const at = new Date(this.clock.now()).toISOString();
    const installId = this.ids.next();
    this.shop.setInstallId(installId);
    this.shop.create({ ...input.shop }, at);
    const owner = this.staff.add({ name: input.owner.name, role: 'owner', pin: input.owner.pin });
    this.catalog.seedShipped();
    this.quotes.seedShipped();
    journal(owner);
    // Last, so that nothing after it can fail and leave keys in memory without their wrapped copy.
    this.keys.create(installId, input.passphrase);
    return owner;
  }
}
