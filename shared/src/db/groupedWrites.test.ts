import { GroupedWrites } from './groupedWrites';

describe('GroupedWrites', () => {
  it('sends what arrives in one turn as one flush, resolving each caller only after its flush', async () => {
    const flushed: number[][] = [];
    let stored = new Set<number>();
    const writes = new GroupedWrites<number>(async (items) => {
      await new Promise((r) => setTimeout(r, 5));
      flushed.push(items);
      stored = new Set([...stored, ...items]);
    });
    const seen = await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        await writes.add(i);
        return stored.has(i);
      }),
    );
    expect(seen).toEqual(Array(25).fill(true));
    expect(flushed).toEqual([Array.from({ length: 25 }, (_, i) => i)]);
  });

  it('takes what arrived during a flush into the next one, and bounds each flush by weight', async () => {
    const flushed: string[][] = [];
    const writes = new GroupedWrites<string>(
      async (items) => {
        flushed.push(items);
        await new Promise((r) => setTimeout(r, 5));
      },
      5,
      (s) => s.length,
    );
    const first = writes.add('aaa');
    await new Promise((r) => setImmediate(r));
    // The first flush is in flight: these wait for the next, split where the weight would pass 5.
    await Promise.all([first, writes.add('bb'), writes.add('cc'), writes.add('d'), writes.add('eeeeeee')]);
    expect(flushed).toEqual([['aaa'], ['bb', 'cc', 'd'], ['eeeeeee']]);
  });

  it('fails the callers of a failed flush only, and the next flush goes ahead', async () => {
    let fail = true;
    const writes = new GroupedWrites<number>(async () => {
      if (fail) throw new Error('disk full');
    });
    const failed = Promise.all([writes.add(1), writes.add(2)]);
    await expect(failed).rejects.toThrow('disk full');
    fail = false;
    await expect(writes.add(3)).resolves.toBeUndefined();
  });
});
