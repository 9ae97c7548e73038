// Prepared statements cached by their text; every value is bound, never spliced into SQL.
import type Database from 'better-sqlite3';
import type { Db } from './open';

type Param = string | number | bigint | Buffer | null;

export class Sql {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(private current: Db) {}
  get db(): Db {
    return this.current;
  }
  /** After a restore: statements are prepared again on the new connection. */
  swap(db: Db): void {
    this.cache.clear();
    this.current = db;
  }
  private stmt(text: string): Database.Statement {
    let s = this.cache.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.cache.set(text, s);
    }
    return s;
  }
  get<T>(text: string, ...params: Param[]): T | undefined {
    return this.stmt(text).get(...params) as T | undefined;
  }
  all<T>(text: string, ...params: Param[]): T[] {
    return this.stmt(text).all(...params) as T[];
  }
  run(text: string, ...params: Param[]): Database.RunResult {
    return this.stmt(text).run(...params);
  }
  iterate<T>(text: string, ...params: Param[]): IterableIterator<T> {
    return this.stmt(text).iterate(...params) as IterableIterator<T>;
  }
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
