// The shipping ids and randomness: pooled bytes are fresh on every draw (across refills too), ids are UUIDv7 that
// sort in the order they were made, also many within one millisecond.
import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { PooledRandom, UuidV7Ids } from '../../electron/adapters/system-ports';

describe('pooled random bytes', () => {
  it('gives the length asked, never the same bytes twice, across many refills of the pool', () => {
    const r = new PooledRandom();
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const n = [12, 16, 24, 32][i % 4] ?? 12;
      const b = r.bytes(n);
      expect(b.length).toBe(n);
      seen.add(b.toString('hex'));
    }
    expect(seen.size).toBe(5000);
  });

  it('serves a large request from the system directly and keeps drawing from the pool after it', () => {
    const r = new PooledRandom();
    const a = r.bytes(16);
    const big = r.bytes(1000);
    expect(big.length).toBe(1000);
    expect(new Set(big).size).toBeGreaterThan(100);
    expect(r.bytes(16).equals(a)).toBe(false);
  });

  it('hands out copies: changing a drawn buffer does not change the next draw', () => {
    const r = new PooledRandom();
    const a = r.bytes(16);
    a.fill(0);
    expect(r.bytes(16).equals(Buffer.alloc(16))).toBe(false);
  });
});

describe('UUIDv7 ids', () => {
  it('are valid version-7 UUIDs that sort in the order they were made within one millisecond', () => {
    const now = 1_790_000_000_000;
    const ids = new UuidV7Ids(new PooledRandom(), { now: () => now });
    const made = Array.from({ length: 2000 }, () => ids.next());
    for (const id of made) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('sort by time across milliseconds, also when the clock steps back', () => {
    let now = 1_790_000_000_000;
    const ids = new UuidV7Ids(new PooledRandom(), { now: () => now });
    const made: string[] = [];
    for (let i = 0; i < 300; i++) {
      now += i % 3 === 0 ? 1 : i % 7 === 0 ? -5 : 0;
      made.push(ids.next());
    }
    expect([...made].sort()).toEqual(made);
  });
});
