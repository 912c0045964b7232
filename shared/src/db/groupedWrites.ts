interface Waiting<T> {
  item: T;
  done: (err?: unknown) => void;
}

/**
 * Writes of concurrent requests sent in one statement, the way a database groups commits: each
 * caller waits until its own item is stored, so no request is answered before its write and a
 * failed write fails every caller it carried. When idle, an item is written on the next turn of
 * the event loop, without delay; under load, what arrives while one statement is in flight goes
 * in the next. Each statement is a round trip that costs both processes a wake-up, so this halves
 * the statements of a read that must leave a row behind (a verification, an audited read).
 */
export class GroupedWrites<T> {
  private queue: Waiting<T>[] = [];
  private draining = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    /** Items per statement, counted by `weight` (an audit event may carry many rows). */
    private readonly maxPerFlush = 500,
    private readonly weight: (item: T) => number = () => 1,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch: Waiting<T>[] = [];
      let size = 0;
      while (
        this.queue.length > 0 &&
        (batch.length === 0 || size + this.weight(this.queue[0].item) <= this.maxPerFlush)
      ) {
        const next = this.queue.shift()!;
        batch.push(next);
        size += this.weight(next.item);
      }
      try {
        await this.flush(batch.map((w) => w.item));
        for (const w of batch) w.done();
      } catch (err) {
        for (const w of batch) w.done(err);
      }
    }
    this.draining = false;
  }
}
