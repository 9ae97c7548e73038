// The real clock, ids, randomness and timers.
import { randomBytes, randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';
import type { Clock, Ids, Random, Scheduler } from '../core/ports';

export const systemClock: Clock = { now: () => Date.now() };

/** The system clock moved by an offset; only the test host (CARDDESK_TEST=1) exposes the offset. */
export class ShiftableClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/**
 * The OS's random bytes, drawn 4 KiB at a time: one system call serves a counter call's ids and IVs (a fresh call
 * for 12 bytes costs about as much as a row read). Bytes handed out are wiped from the pool, so it never holds a
 * key or IV after giving it; a request above 256 bytes goes to the OS directly.
 */
export class PooledRandom implements Random {
  private readonly pool = Buffer.alloc(4096);
  private at = this.pool.length;
  bytes(n: number): Buffer {
    if (n > 256) return randomBytes(n);
    if (this.at + n > this.pool.length) {
      randomFillSync(this.pool);
      this.at = 0;
    }
    const out = Buffer.from(this.pool.subarray(this.at, this.at + n));
    this.pool.fill(0, this.at, this.at + n);
    this.at += n;
    return out;
  }
}

/**
 * UUIDv7 from the pooled bytes, monotonic within a millisecond as uuid's own `v7()` is: a new millisecond starts
 * its counter from random bits, the next id in the same millisecond adds one (rolling into the next millisecond).
 */
export class UuidV7Ids implements Ids {
  private msecs = -Infinity;
  private seq = 0;
  constructor(
    private readonly random: Random,
    private readonly clock: Clock = systemClock,
  ) {}
  next(): string {
    const random = this.random.bytes(16);
    const now = this.clock.now();
    if (now > this.msecs) {
      this.msecs = now;
      this.seq = random.readUInt32BE(6) & 0x7fffffff;
    } else {
      this.seq = (this.seq + 1) | 0;
      if (this.seq === 0) this.msecs += 1;
    }
    return v7({ random, msecs: this.msecs, seq: this.seq });
  }
}

export const cryptoRandom: Random = new PooledRandom();
export const uuidIds: Ids = new UuidV7Ids(cryptoRandom);
export const timerScheduler: Scheduler = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};
