// Head office's journal of console changes (head-office.md "People"): who, what, when, appended in the change's own
// transaction and never updated or deleted (a trigger refuses both). Each entry's hash covers the previous entry's
// hash and the entry in canonical JSON, as the shop's journal does, so a removed or edited entry breaks the chain.
import { z } from 'zod';
import { jcs } from '../../shared/protocol/canonical';
import { sha256Hex } from '../../shared/protocol/signing';
import type { Queryable } from '../db/types';

export const GENESIS = '0'.repeat(64);
const int = z.number().int();
export const JournalRow = z.object({
  seq: int,
  at: int,
  person_id: z.string().nullable(),
  person_name: z.string(),
  kind: z.string(),
  target: z.string(),
  detail: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
export type JournalEntry = z.infer<typeof JournalRow>;
const Last = z.object({ seq: int, hash: z.string() });

/** The kinds of change the console journals; the words for each are in shared/words/console.ts. */
export const JOURNAL_KINDS = [
  'login',
  'logout',
  'shop.register',
  'shop.disable',
  'shop.enable',
  'shop.rotate',
  'person.add',
  'person.owner',
  'person.remove',
  'person.groups',
  'person.password',
  'alerts.quiet_days',
  'quotes.set',
  'pricing.set',
  'watch.add',
  'watch.import',
  'watch.remove',
  'watch.accept',
  'watch.dismiss',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface Who {
  id: string | null;
  name: string;
}

const entryHash = (prev: string, e: Omit<JournalEntry, 'hash' | 'prev_hash'>) => sha256Hex(`${prev}\n${jcs(e)}`);

/**
 * Appends one entry in the caller's transaction. The table is locked for the append, so two changes at once chain
 * one after the other rather than both naming the same previous hash.
 */
export async function journal(
  q: Queryable,
  at: number,
  who: Who,
  kind: JournalKind,
  target: string,
  detail: Record<string, string | number | boolean> = {},
): Promise<void> {
  await q.exec('LOCK TABLE console_journal IN EXCLUSIVE MODE');
  const last = await q.get(Last, 'SELECT seq, hash FROM console_journal ORDER BY seq DESC LIMIT 1');
  const e = {
    seq: (last?.seq ?? 0) + 1,
    at,
    person_id: who.id,
    person_name: who.name,
    kind,
    target,
    detail: jcs(detail),
  };
  const prev = last?.hash ?? GENESIS;
  await q.run(
    `INSERT INTO console_journal (seq, at, person_id, person_name, kind, target, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.seq, e.at, e.person_id, e.person_name, e.kind, e.target, e.detail, prev, entryHash(prev, e)],
  );
}

/** The newest entries first, and whether the whole chain still holds (the first broken seq otherwise). */
export async function readJournal(
  q: Queryable,
  limit: number,
): Promise<{ entries: JournalEntry[]; total: number; brokenAt: number | null }> {
  const all = await q.all(JournalRow, 'SELECT * FROM console_journal ORDER BY seq');
  let prev = GENESIS;
  let brokenAt: number | null = null;
  for (const r of all) {
    const { hash, prev_hash, ...e } = r;
    if (prev_hash !== prev || hash !== entryHash(prev, e)) {
      brokenAt = r.seq;
      break;
    }
    prev = hash;
  }
  return { entries: all.slice(-limit).toReversed(), total: all.length, brokenAt };
}
