// Actual's row types, held against the schema: every table has a row schema in electron/core/db/rows.ts naming
// exactly its columns, with the same storage class and the same nullability as a freshly migrated database.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrate';
import { TABLES } from '../../electron/core/db/rows';

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** What a column schema stands for in SQLite: its storage class and whether it may be NULL. */
function columnOf(schema: z.ZodType): { type: string; nullable: boolean } {
  let s = schema;
  let nullable = false;
  if (s instanceof z.ZodNullable) {
    nullable = true;
    s = s.unwrap() as z.ZodType;
  }
  const type =
    s instanceof z.ZodNumber
      ? 'INTEGER'
      : s instanceof z.ZodString || s instanceof z.ZodEnum
        ? 'TEXT'
        : s instanceof z.ZodCustom
          ? 'BLOB'
          : 'unknown';
  return { type, nullable };
}

describe('the row schemas', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[]
  ).map((t) => t.name);

  it('cover every table of the migrated database, and no other', () => {
    expect(Object.keys(TABLES).sort()).toEqual(tables);
  });

  it.each(Object.keys(TABLES))('match the columns of %s: names, types and nullability', (table) => {
    const cols = db.prepare(`PRAGMA table_info(${table})`).all() as Column[];
    const schema = TABLES[table as keyof typeof TABLES];
    const fromDb = Object.fromEntries(
      cols.map((c) => [c.name, { type: c.type, nullable: c.notnull === 0 && c.pk === 0 }]),
    );
    const fromSchema = Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, columnOf(v)]),
    );
    expect(fromSchema).toEqual(fromDb);
  });

  it('tell a column of the wrong type or nullability apart', () => {
    expect(columnOf(z.string().nullable())).toEqual({ type: 'TEXT', nullable: true });
    expect(columnOf(z.number())).toEqual({ type: 'INTEGER', nullable: false });
    expect(columnOf(z.instanceof(Buffer))).toEqual({ type: 'BLOB', nullable: false });
  });
});
