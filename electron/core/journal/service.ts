// The journal (spec §6): an append-only hash chain. hash = SHA-256(prevHash ‖ JCS(entry without hash)).
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import type { JournalEntryView, JournalVerifyView } from '../../../shared/contract';
import { JournalRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { JournalPayload, readJson, type JsonValue } from '../db/stored';
import type { Clock } from '../ports';
import type { JournalKind } from '../../../shared/contract/journal-kinds';

export const GENESIS = '0'.repeat(64);

type JournalRow = z.infer<typeof JournalRow>;
const Head = JournalRow.pick({ seq: true, hash: true });
const Listed = JournalRow.extend({ staff_name: z.string().nullable() });

export type { JsonValue } from '../db/stored';

export interface NewEntry {
  staff: string | null;
  kind: JournalKind;
  ref: string | null;
  payload: { [k: string]: JsonValue };
}

export function jcs(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new Error('value cannot be canonicalised');
  return s;
}

export function entryHash(prevHash: string, e: Omit<JournalRow, 'hash' | 'prev_hash' | 'payload'> & { payload: unknown }): string {
  const body = jcs({ seq: e.seq, at: e.at, staff: e.staff, kind: e.kind, ref: e.ref, payload: e.payload, prevHash });
  return createHash('sha256').update(prevHash, 'utf8').update(body, 'utf8').digest('hex');
}

export class Journal {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  head(): { seq: number; hash: string } {
    const row = this.sql.get(Head, 'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
    return row ?? { seq: 0, hash: GENESIS };
  }

  /** Appends inside the caller's transaction, so the entry commits or rolls back with its change. */
  append(e: NewEntry): { seq: number; hash: string } {
    if (!this.sql.db.inTransaction) throw new Error('journal entries are written inside the transaction of their change');
    const prev = this.head();
    const seq = prev.seq + 1;
    const at = new Date(this.clock.now()).toISOString();
    const payload = jcs(e.payload);
    const hash = entryHash(prev.hash, { seq, at, staff: e.staff, kind: e.kind, ref: e.ref, payload: e.payload });
    this.sql.run(
      'INSERT INTO journal (seq, at, staff, kind, ref, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      seq, at, e.staff, e.kind, e.ref, payload, prev.hash, hash,
    );
    return { seq, hash };
  }

  verify(): JournalVerifyView {
    let prevHash = GENESIS;
    let expectSeq = 1;
    let count = 0;
    for (const row of this.sql.iterate(JournalRow, 'SELECT * FROM journal ORDER BY seq')) {
      const bad = (reason: 'hash' | 'prevHash' | 'seq'): JournalVerifyView => ({ ok: false, count, head: prevHash, firstBad: { seq: row.seq, reason } });
      if (row.seq !== expectSeq) return bad('seq');
      if (row.prev_hash !== prevHash) return bad('prevHash');
      // Hashed as stored: the hash proves the payload, so it is checked as parsed JSON, not through its schema.
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        return bad('hash');
      }
      if (entryHash(prevHash, { ...row, payload }) !== row.hash) return bad('hash');
      prevHash = row.hash;
      expectSeq += 1;
      count += 1;
    }
    return { ok: true, count, head: prevHash, firstBad: null };
  }

  list(beforeSeq: number | undefined, limit: number): JournalEntryView[] {
    return this.views(this.sql.all(Listed,
      `SELECT j.*, s.name AS staff_name FROM journal j LEFT JOIN staff s ON s.id = j.staff
       WHERE j.seq < ? ORDER BY j.seq DESC LIMIT ?`,
      beforeSeq ?? Number.MAX_SAFE_INTEGER, limit,
    ));
  }

  /** Every entry about one thing (a trade, a day …), oldest first. */
  byRef(ref: string): JournalEntryView[] {
    return this.views(this.sql.all(Listed,
      'SELECT j.*, s.name AS staff_name FROM journal j LEFT JOIN staff s ON s.id = j.staff WHERE j.ref = ? ORDER BY j.seq', ref,
    ));
  }

  private views(rows: z.infer<typeof Listed>[]): JournalEntryView[] {
    return rows.map((r) => ({
      seq: r.seq, at: r.at, staff: r.staff, staffName: r.staff_name, kind: r.kind, ref: r.ref,
      payload: readJson(JournalPayload, r.payload), hash: r.hash,
    }));
  }
}
