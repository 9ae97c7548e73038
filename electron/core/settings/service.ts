// Shop settings and preferences with their shipped defaults; values stored as JSON.
import type { Language, SettingsView } from '../../../shared/contract';
import type { Sql } from '../db/sql';

const DEFAULTS = {
  language: 'zh-CN' as Language,
  idleLockMinutes: 5,
};
type Key = keyof typeof DEFAULTS;

export class Settings {
  constructor(private readonly sql: Sql) {}
  get<K extends Key>(key: K): (typeof DEFAULTS)[K] {
    const row = this.sql.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', key);
    return row ? (JSON.parse(row.value) as (typeof DEFAULTS)[K]) : DEFAULTS[key];
  }
  set<K extends Key>(key: K, value: (typeof DEFAULTS)[K]): void {
    this.sql.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      key, JSON.stringify(value),
    );
  }
  view(): SettingsView {
    return { idleLockMinutes: this.get('idleLockMinutes'), language: this.get('language') };
  }
  idleLockMs(): number {
    return this.get('idleLockMinutes') * 60_000;
  }
}
