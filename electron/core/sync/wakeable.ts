// A background worker's waking: one pass at a time (a second `run` joins the pass under way), and at most one
// wake-up waiting (`kick` now replaces a later one; a later one never delays a sooner one). The sealed days'
// worker and the live reports' worker share it.
import type { Scheduler } from '../ports';

export class Wakeable {
  private timer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  constructor(
    private readonly scheduler: Scheduler,
    private readonly pass: (force: boolean) => Promise<void>,
  ) {}

  /** A wake-up is already waiting. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  /** Wakes the worker soon (after the caller's transaction committed). */
  kick(delayMs = 0): void {
    if (this.timer) {
      if (delayMs > 0) return;
      this.timer();
    }
    this.timer = this.scheduler.after(delayMs, () => {
      this.timer = null;
      void this.run();
    });
  }

  /** One pass, or the one under way. */
  run(force = false): Promise<void> {
    this.running ??= this.pass(force).finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
