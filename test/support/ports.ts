// Deterministic ports for tests: a clock that moves only when told, seeded randomness, predictable ids,
// and a scheduler that runs its timers when the test says so.
import { createHash } from 'node:crypto';
import { v7 } from 'uuid';
import type { Clock, Ids, Random, Scheduler } from '../../electron/core/ports';

export class ManualClock implements Clock {
  constructor(public t = Date.parse('2026-11-25T02:00:00.000Z')) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export class SeededRandom implements Random {
  private counter = 0;
  constructor(private readonly seed = 'carddesk') {}
  bytes(n: number): Buffer {
    const out: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const b = createHash('sha256')
        .update(`${this.seed}:${this.counter++}`)
        .digest();
      out.push(b);
      have += b.length;
    }
    return Buffer.concat(out).subarray(0, n);
  }
}

export class SeqIds implements Ids {
  private seq = 0;
  constructor(
    private readonly clock: Clock,
    private readonly random: Random = new SeededRandom('ids'),
  ) {}
  next(): string {
    this.seq += 1;
    return v7({ msecs: this.clock.now(), seq: this.seq, random: this.random.bytes(16) });
  }
}

/** Timers that fire only when `runDue` or `runAll` is called, moving the manual clock. */
export class ManualScheduler implements Scheduler {
  private tasks: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;
  constructor(private readonly clock: ManualClock) {}
  after(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.tasks.push({ at: this.clock.now() + ms, fn, id });
    return () => {
      this.tasks = this.tasks.filter((t) => t.id !== id);
    };
  }
  get pending(): number {
    return this.tasks.length;
  }
  runAll(limit = 10_000): void {
    for (let i = 0; i < limit && this.tasks.length > 0; i++) {
      this.tasks.sort((a, b) => a.at - b.at || a.id - b.id);
      const t = this.tasks.shift();
      if (!t) break;
      if (t.at > this.clock.now()) this.clock.t = t.at;
      t.fn();
    }
  }
}
