// The embedded driver: PGlite (PostgreSQL compiled to WebAssembly) in a folder, or in memory without one. One
// connection in-process; PGlite runs one query or transaction at a time.
import { PGlite, types } from '@electric-sql/pglite';
import { queryable, type Db, type Param } from './types';

export interface PgliteDb extends Db {
  /** The whole database as a gzipped tar, to open again with `from` (tests start from a migrated copy). */
  dump(): Promise<Blob>;
}

export async function openPglite(dataDir: string | null, log?: (line: string) => void, from?: Blob): Promise<PgliteDb> {
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(from ? { loadDataDir: from } : {}),
    parsers: { [types.INT8]: (v: string) => Number(v) },
    // PostgreSQL's own messages, line by line, for the log (never parameters: statements are not logged).
    ...(log ? { onStderr: (text: string) => (log(`postgres: ${text.trimEnd()}`), true) } : {}),
  });
  const raw = (q: Pick<PGlite, 'query'>) => async (text: string, params: readonly Param[]) => {
    const r = await q.query(text, [...params]);
    return { rows: r.rows, count: r.affectedRows ?? 0 };
  };
  const base = queryable(raw(pg), async (text) => void (await pg.exec(text)));
  return {
    ...base,
    driver: 'pglite',
    tx: (fn) => pg.transaction((t) => fn(queryable(raw(t), async (text) => void (await t.exec(text))))),
    close: () => pg.close(),
    dump: () => pg.dumpDataDir('gzip'),
  };
}
