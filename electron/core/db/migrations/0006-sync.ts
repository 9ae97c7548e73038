// Sync (sync-protocol.md): the worker picks the oldest pending day and counts days by state without reading the
// frozen bodies (which sit before the state in the row and would be read through on every pick).
import type { Migration } from '../migrate';

export const m0006: Migration = {
  version: 6,
  name: 'sync',
  up(db) {
    db.exec('CREATE INDEX sync_outbox_due ON sync_outbox (status, business_date, next_attempt_at)');
  },
};
