// Which database: a PostgreSQL server when a URL is given (`--database-url` or DATABASE_URL), else PGlite in a folder.
import fs from 'node:fs';
import path from 'node:path';
import { lockFolder } from './folder-lock';
import { openPg } from './pg';
import { openPglite } from './pglite';
import type { Db } from './types';

export interface Where {
  databaseUrl: string | null;
  dataDir: string;
}

export async function openDatabase(w: Where, log?: (line: string) => void): Promise<Db> {
  if (w.databaseUrl) return openPg(w.databaseUrl);
  fs.mkdirSync(w.dataDir, { recursive: true });
  const release = lockFolder(path.join(w.dataDir, 'pglite.lock'));
  try {
    const db = await openPglite(path.join(w.dataDir, 'pglite'), log);
    return {
      ...db,
      close: () => db.close().finally(release),
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Said at start, without the password a URL may carry. */
export function describeWhere(w: Where): string {
  if (!w.databaseUrl) return `PGlite in ${path.join(w.dataDir, 'pglite')}`;
  try {
    const u = new URL(w.databaseUrl);
    return `PostgreSQL at ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
