// Head office's own settings in hq_meta: the server key's check value and the sealed chain key.
import { MetaRow } from './db/rows';
import type { Queryable } from './db/types';

export async function readMeta(q: Queryable, key: string): Promise<string | null> {
  return (await q.get(MetaRow, 'SELECT value FROM hq_meta WHERE key = $1', [key]))?.value ?? null;
}

/** Writes `key` only when it has no value yet; answers whether it wrote. */
export async function initMeta(q: Queryable, key: string, value: string): Promise<boolean> {
  return (
    (await q.run('INSERT INTO hq_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value])) === 1
  );
}

/** Writes `key`, replacing its value. */
export async function writeMeta(q: Queryable, key: string, value: string): Promise<void> {
  await q.run(
    'INSERT INTO hq_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [key, value],
  );
}
