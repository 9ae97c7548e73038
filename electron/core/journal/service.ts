// The journal (spec §6): an append-only hash chain. hash = SHA-256(prevHash ‖ JCS(entry without hash)).
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import type { JournalEntryView, JournalVerifyView, Page } from '../../../shared/contract';
import { JournalRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { JournalPayload, readJson, type JsonValue } from '../db/stored';
import type { Clock } from '../ports';
import type { JournalKind } from '../../../shared/contract/journal-kinds';

export const GENESIS = '0'.repeat(64);

type JournalRow = z.infer<typeof JournalRow>;
const Head = JournalRow.pick({ seq: true, hash: true });
const Listed = JournalRow.extend({ staff_name: z.string().nullable() });
const Counted = z.object({ n: z.number() });

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

export function entryHash(
  prevHash: string,
  e: Omit<JournalRow, 'hash' | 'prev_hash' | 'payload'> & { payload: unknown },
): string {
  return hashOf(prevHash, e, jcs(e.payload));
}

/**
 * The same hash from the payload's JCS text: the entry's other members are strings, null or an integer, so its
 * JCS is written out in key order around the payload's (what canonicalize would give), with no second pass.
 */
function hashOf(prevHash: string, e: Omit<JournalRow, 'hash' | 'prev_hash' | 'payload'>, payload: string): string {
  const s = JSON.stringify;
  const body = `{"at":${s(e.at)},"kind":${s(e.kind)},"payload":${payload},"prevHash":${s(prevHash)},"ref":${s(e.ref)},"seq":${s(e.seq)},"staff":${s(e.staff)}}`;
  return hash('sha256', prevHash + body, 'hex');
}

export class Journal {
  /** The head this connection last wrote: tried first by `append`, which checks it in the insert itself. */
  private last: { seq: number; hash: string } | null = null;
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
    if (!this.sql.db.inTransaction)
      throw new Error('journal entries are written inside the transaction of their change');
    const at = new Date(this.clock.now()).toISOString();
    const payload = jcs(e.payload);
    const entry = (prev: { seq: number; hash: string }) => {
      const seq = prev.seq + 1;
      return { seq, hash: hashOf(prev.hash, { seq, at, staff: e.staff, kind: e.kind, ref: e.ref }, payload) };
    };
    // One statement when the remembered head is still the newest entry (the insert only lands then); after a
    // rollback, or an entry written by another connection, it lands nothing and the head is read.
    const guess = this.last;
    if (guess) {
      const next = entry(guess);
      const landed =
        this.sql.run(
          `INSERT INTO journal (seq, at, staff, kind, ref, payload, prev_hash, hash) SELECT ?, ?, ?, ?, ?, ?, ?, ?
         WHERE (SELECT hash FROM journal ORDER BY seq DESC LIMIT 1) = ?`,
          next.seq,
          at,
          e.staff,
          e.kind,
          e.ref,
          payload,
          guess.hash,
          next.hash,
          guess.hash,
        ).changes === 1;
      if (landed) return { ...(this.last = next) };
    }
    const prev = this.head();
    const next = entry(prev);
    this.sql.run(
      'INSERT INTO journal (seq, at, staff, kind, ref, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      next.seq,
      at,
      e.staff,
      e.kind,
      e.ref,
      payload,
      prev.hash,
      next.hash,
    );
    return { ...(this.last = next) };
  }

  verify(): JournalVerifyView {
    let prevHash = GENESIS;
    let expectSeq = 1;
    let count = 0;
    for (const row of this.sql.iterate(JournalRow, 'SELECT * FROM journal ORDER BY seq')) {
      const bad = (reason: 'hash' | 'prevHash' | 'seq'): JournalVerifyView => ({
        ok: false,
        count,
        head: prevHash,
        firstBad: { seq: row.seq, reason },
      });
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
    return this.views(
      this.sql.all(
        Listed,
        `SELECT j.*, s.name AS staff_name FROM journal j LEFT JOIN staff s ON s.id = j.staff
       WHERE j.seq < ? ORDER BY j.seq DESC LIMIT ?`,
        beforeSeq ?? Number.MAX_SAFE_INTEGER,
        limit,
      ),
    );
  }

  /** A page of entries, newest first, and how many there are in all. */
  page(offset: number, limit: number): Page<JournalEntryView> {
    const total = this.sql.get(Counted, 'SELECT COUNT(*) AS n FROM journal')?.n ?? 0;
    const items = this.views(
      this.sql.all(
        Listed,
        `SELECT j.*, s.name AS staff_name FROM journal j LEFT JOIN staff s ON s.id = j.staff
       ORDER BY j.seq DESC LIMIT ? OFFSET ?`,
        limit,
        offset,
      ),
    );
    return { items, total, offset, limit };
  }

  /** Every entry about one thing (a trade, a day …), oldest first. */
  byRef(ref: string): JournalEntryView[] {
    return this.views(
      this.sql.all(
        Listed,
        'SELECT j.*, s.name AS staff_name FROM journal j LEFT JOIN staff s ON s.id = j.staff WHERE j.ref = ? ORDER BY j.seq',
        ref,
      ),
    );
  }

  private views(rows: z.infer<typeof Listed>[]): JournalEntryView[] {
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      staff: r.staff,
      staffName: r.staff_name,
      kind: r.kind,
      ref: r.ref,
      payload: readJson(JournalPayload, r.payload),
      hash: r.hash,
    }));
  }
}
