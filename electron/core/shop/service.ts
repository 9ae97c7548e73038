// The shop's identity: set once at first run (the code is the sync shopId and never changes).
import type { ShopView } from '../../../shared/contract';
import { MetaRow, ShopRow } from '../db/rows';
import type { Sql } from '../db/sql';

const MetaValue = MetaRow.pick({ value: true });

const ShopLine = ShopRow.pick({ code: true, name: true, address: true, phone: true, licence_no: true });

export class Shop {
  /** The shop row, read once; dropped on every write and whenever a transaction rolls back (see dispatch). */
  private cached: ShopView | null | undefined;
  constructor(private readonly sql: Sql) {}
  get(): ShopView | null {
    if (this.cached !== undefined) return this.cached;
    const r = this.sql.get(ShopLine, 'SELECT code, name, address, phone, licence_no FROM shop WHERE id = 1');
    this.cached = r
      ? { code: r.code, name: r.name, address: r.address, phone: r.phone, licenceNo: r.licence_no }
      : null;
    return this.cached;
  }
  invalidate(): void {
    this.cached = undefined;
  }
  create(v: ShopView, at: string): void {
    this.cached = undefined;
    this.sql.run(
      'INSERT INTO shop (id, code, name, address, phone, licence_no, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
      v.code,
      v.name,
      v.address,
      v.phone,
      v.licenceNo,
      at,
    );
  }
  update(v: Omit<ShopView, 'code'>): void {
    this.cached = undefined;
    this.sql.run(
      'UPDATE shop SET name = ?, address = ?, phone = ?, licence_no = ? WHERE id = 1',
      v.name,
      v.address,
      v.phone,
      v.licenceNo,
    );
  }
  installId(): string | null {
    return this.sql.get(MetaValue, "SELECT value FROM meta WHERE key = 'install_id'")?.value ?? null;
  }
  setInstallId(id: string): void {
    this.sql.run("INSERT INTO meta (key, value) VALUES ('install_id', ?)", id);
  }
}
