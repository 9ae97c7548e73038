// Bounded concurrency: at most `active` requests handled at once, `queued` more waiting their turn (their bodies
// unread, held back by TCP); beyond that head office answers 503 with Retry-After and the shop tries later.
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly maxActive: number,
    private readonly maxQueued: number,
  ) {}

  /** False when full: the caller answers 503. */
  async enter(): Promise<boolean> {
    if (this.active < this.maxActive) {
      this.active++;
      return true;
    }
    if (this.waiting.length >= this.maxQueued) return false;
    await new Promise<void>((r) => this.waiting.push(r));
    return true;
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  get load(): { active: number; queued: number } {
    return { active: this.active, queued: this.waiting.length };
  }
}
