// Prepared statements cached by their text; every value is bound, never spliced into SQL. Rows are parsed with a
// schema where they are read (./rows.ts): `get(schema, text, …params)`. The form without a schema answers
// `unknown` and is for tests and benchmarks that peek at the file; the app never reads with it (the architecture
// test holds that).
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { Db } from './connection';
import { parseChecked } from '../schema-check';

type Param = string | number | bigint | Buffer | null;
type Schema = z.ZodType;

/**
 * Values read from the file and kept between calls by the service that owns their table (brand forms, live quotes):
 * that service empties it when it writes them; the connection empties every one on a rollback and on a swap, so a
 * value read inside a transaction that did not commit is never kept.
 */
export class Kept<V> {
  private readonly values = new Map<string, V>();
  get(key: string, read: () => V): V {
    let v = this.values.get(key);
    if (v === undefined) {
      v = read();
      this.values.set(key, v);
    }
    return v;
  }
  /** Kept from now on (a value known without reading it). */
  set(key: string, v: V): void {
    this.values.set(key, v);
  }
  /** Forgotten; whether it was kept. */
  delete(key: string): boolean {
    return this.values.delete(key);
  }
  get size(): number {
    return this.values.size;
  }
  clear(): void {
    this.values.clear();
  }
}

export class Sql {
  private readonly cache = new Map<string, Database.Statement>();
  private readonly kept: Kept<unknown>[] = [];
  private runner: ((work: () => unknown) => unknown) | null = null;
  constructor(private current: Db) {}
  get db(): Db {
    return this.current;
  }
  /** After a restore: statements are prepared again on the new connection. */
  swap(db: Db): void {
    this.cache.clear();
    this.runner = null;
    this.forget();
    this.current = db;
  }
  /** A table of kept values (see `Kept`). */
  keep<V>(): Kept<V> {
    const k = new Kept<V>();
    this.kept.push(k);
    return k;
  }
  private forget(): void {
    for (const k of this.kept) k.clear();
  }
  private stmt(text: string): Database.Statement {
    let s = this.cache.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.cache.set(text, s);
    }
    return s;
  }
  get<S extends Schema>(schema: S, text: string, ...params: Param[]): z.output<S> | undefined;
  get<T = unknown>(text: string, ...params: Param[]): T | undefined;
  get(first: Schema | string, ...rest: Param[]): unknown {
    if (typeof first === 'string') return this.stmt(first).get(...rest);
    const [text, ...params] = rest;
    const row: unknown = this.stmt(String(text)).get(...params);
    return row === undefined ? undefined : parseChecked(first, row);
  }
  all<S extends Schema>(schema: S, text: string, ...params: Param[]): z.output<S>[];
  all<T = unknown>(text: string, ...params: Param[]): T[];
  all(first: Schema | string, ...rest: Param[]): unknown[] {
    if (typeof first === 'string') return this.stmt(first).all(...rest);
    const [text, ...params] = rest;
    return this.stmt(String(text))
      .all(...params)
      .map((r) => parseChecked(first, r));
  }
  *iterate<S extends Schema>(schema: S, text: string, ...params: Param[]): Generator<z.output<S>> {
    for (const r of this.stmt(text).iterate(...params)) yield parseChecked(schema, r);
  }
  /** Whether the query finds a row (`SELECT 1 FROM … WHERE …`). */
  exists(text: string, ...params: Param[]): boolean {
    return this.stmt(text).get(...params) !== undefined;
  }
  run(text: string, ...params: Param[]): Database.RunResult {
    return this.stmt(text).run(...params);
  }
  tx<T>(fn: () => T): T {
    try {
      // One transaction function per connection, given the work to run: better-sqlite3 builds four wrappers
      // each time `transaction` is called, and every counter call runs one.
      this.runner ??= this.db.transaction((work: () => unknown) => work());
      return this.runner(fn) as T;
    } catch (e) {
      this.forget();
      throw e;
    }
  }
}
