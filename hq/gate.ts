// Bounded concurrency: at most `maxActive` requests handled at once, holding at most `maxBytes` of bodies between
// them (a request weighs its declared Content-Length, the body limit when it declares none), and `maxQueued` more
// waiting their turn with their bodies unread (held back by TCP); beyond that head office answers 503 with
// Retry-After and the shop tries later. Head office runs with a bounded heap (docs/head-office.md): this is what
// keeps its live memory inside it.
export class Gate {
  private active = 0;
  private bytes = 0;
  private readonly waiting: { weight: number; go: () => void }[] = [];
  constructor(
    private readonly maxActive: number,
    private readonly maxQueued: number,
    private readonly maxBytes: number,
  ) {}

  private fits(weight: number): boolean {
    // One request alone always fits, whatever it weighs (it is bounded by the body limit).
    return this.active < this.maxActive && (this.active === 0 || this.bytes + weight <= this.maxBytes);
  }

  /** False when full: the caller answers 503. Otherwise resolves when the request may go on. */
  async enter(weight: number): Promise<boolean> {
    if (this.waiting.length === 0 && this.fits(weight)) {
      this.take(weight);
      return true;
    }
    if (this.waiting.length >= this.maxQueued) return false;
    await new Promise<void>((go) => this.waiting.push({ weight, go }));
    return true;
  }

  private take(weight: number): void {
    this.active++;
    this.bytes += weight;
  }

  leave(weight: number): void {
    this.active--;
    this.bytes -= weight;
    // In arrival order: a heavy request at the head is not overtaken for ever by light ones.
    for (let next = this.waiting[0]; next && this.fits(next.weight); next = this.waiting[0]) {
      this.waiting.shift();
      this.take(next.weight);
      next.go();
    }
  }
}
