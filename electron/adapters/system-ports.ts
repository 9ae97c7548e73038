// The real clock, ids, randomness and timers.
import { randomBytes } from 'node:crypto';
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

export const uuidIds: Ids = { next: () => v7() };
export const cryptoRandom: Random = { bytes: (n) => randomBytes(n) };
export const timerScheduler: Scheduler = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};
