// The server driver: a PostgreSQL 15+ server through a `pg` pool. Several head-office processes may share one
// database; nothing here keeps state another process would need.
import pg from 'pg';
import { queryable, type Db, type Param } from './types';

/**
 * `asyncCommit`: the pool's sessions commit without waiting for the WAL to reach the disk (synchronous_commit off),
 * for the counter's lane, whose only routine write is a nonce; a transaction that must be durable says
 * `SET LOCAL synchronous_commit TO on`.
 */
export function openPg(url: string, max = 10, o: { asyncCommit?: boolean } = {}): Db {
  // Bigint columns (fen sums, epoch seconds) stay well inside 2^53: read them as numbers, for this pool only.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    // No JIT: head office's statements are short look-ups and writes whose estimates (a lateral look-up per card
    // hash of a day) pass the JIT threshold, where compiling took ~50 ms of a statement that runs in ~3 ms.
    options: `-c jit=off${o.asyncCommit ? ' -c synchronous_commit=off' : ''}`,
  });
  // An idle client losing its server (a restart, fail-over) must not end the process; the next query reconnects.
  pool.on('error', () => undefined);
  const raw = (c: pg.Pool | pg.PoolClient) => async (text: string, params: readonly Param[]) => {
    const r = await c.query(text, [...params]);
    return { rows: r.rows as unknown[], count: r.rowCount ?? 0 };
  };
  const base = queryable(raw(pool), async (text) => void (await pool.query(text)));
  return {
    ...base,
    driver: 'pg',
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(queryable(raw(client), async (text) => void (await client.query(text))));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
