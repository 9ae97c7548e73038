// Head office's one query interface: the same SQL runs on PGlite (embedded, a folder) and on a PostgreSQL 15+
// server through `pg`. Every row read is parsed by its schema (db/rows.ts); integers come back as numbers.
import type { z } from 'zod';

export type Param =
  | string
  | number
  | boolean
  | null
  | readonly (string | null)[]
  | readonly (number | null)[]
  | readonly boolean[];

export interface Queryable {
  /** Every row, each parsed by `schema`. */
  all<S extends z.ZodType>(schema: S, text: string, params?: readonly Param[]): Promise<z.output<S>[]>;
  /** The first row parsed by `schema`, or undefined. */
  get<S extends z.ZodType>(schema: S, text: string, params?: readonly Param[]): Promise<z.output<S> | undefined>;
  /** A statement's affected row count. */
  run(text: string, params?: readonly Param[]): Promise<number>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export type Driver = 'pglite' | 'pg';

export interface Db extends Queryable {
  readonly driver: Driver;
  /** One transaction (READ COMMITTED): committed when `fn` resolves, rolled back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Helpers both drivers share: a driver supplies the raw query, these parse and count. */
export function queryable(
  raw: (text: string, params: readonly Param[]) => Promise<{ rows: unknown[]; count: number }>,
  exec: (text: string) => Promise<void>,
): Queryable {
  return {
    async all(schema, text, params = []) {
      const r = await raw(text, params);
      return r.rows.map((row) => schema.parse(row));
    },
    async get(schema, text, params = []) {
      const r = await raw(text, params);
      return r.rows.length > 0 ? schema.parse(r.rows[0]) : undefined;
    },
    async run(text, params = []) {
      return (await raw(text, params)).count;
    },
    exec,
  };
}
