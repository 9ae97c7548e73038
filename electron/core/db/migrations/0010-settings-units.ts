// The owner's settings in the units of their contract (product/settings.md, docs/settings.md). The business-day
// cut-off was stored as a whole local hour (`cutoffHour`); the contract takes it as minutes after local midnight
// (`cutoffMinutes`, 04:00 = 240) so an owner can set 04:30. The unsold-card alerts were already stored in whole
// hours, the unit of the contract, and carry over as they are; every other owner setting kept its unit.
import { z } from 'zod';
import type { Migration } from '../migrate';
import { SettingRow } from '../rows';

const Value = SettingRow.pick({ value: true });

export const m0010: Migration = {
  version: 10,
  name: 'settings-units',
  up(db) {
    const read = db.prepare("SELECT value FROM settings WHERE key = 'cutoffHour'");
    const row = Value.optional().parse(read.get());
    if (!row) return;
    const hour = z.int().safeParse(JSON.parse(row.value));
    if (hour.success && hour.data >= 0 && hour.data <= 12)
      db.prepare(
        "INSERT INTO settings (key, value) VALUES ('cutoffMinutes', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(JSON.stringify(hour.data * 60));
    db.prepare("DELETE FROM settings WHERE key = 'cutoffHour'").run();
  },
};
