/**
 * Embedded SQLite has one connection, so two interleaved TypeORM transactions would nest into
 * each other; issuance writes are queued there. MySQL runs them concurrently (row locks order them).
 */
export function createWriteQueue(concurrent: boolean) {
  let tail: Promise<unknown> = Promise.resolve();
  return function run<T>(fn: () => Promise<T>): Promise<T> {
    if (concurrent) return fn();
    const next = tail.then(fn);
    tail = next.catch(() => undefined);
    return next;
  };
}
export type WriteQueue = ReturnType<typeof createWriteQueue>;
