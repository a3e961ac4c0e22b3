import { TickBatch, type ItemOutcome } from './tick-batch';

const ok = <R>(value: R): ItemOutcome<R> => ({ ok: true, value });

describe('TickBatch', () => {
  it('writes the items added in one turn as one batch, in the order added', async () => {
    const batches: number[][] = [];
    const batch = new TickBatch<number, number>((items) => {
      batches.push([...items]);
      return items.map((item) => ok(item * 10));
    });
    const values = await Promise.all([1, 2, 3].map((n) => batch.add(n)));
    expect(values).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('writes the items of the next turn as the next batch, after the first is written', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batch = new TickBatch<string, string>(async (items) => {
      events.push(`start ${items.join(',')}`);
      if (items[0] === 'a') await gate;
      events.push(`end ${items.join(',')}`);
      return items.map(ok);
    });
    const first = batch.add('a');
    await new Promise((resolve) => setImmediate(resolve));
    const second = batch.add('b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['start a']);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('settles an item only once its batch is written, never in the turn it was added', async () => {
    let written = false;
    const batch = new TickBatch<number, boolean>((items) => {
      written = true;
      return items.map(() => ok(written));
    });
    let settled = false;
    const added = batch.add(1).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBeFalse();
    expect(await added).toBeTrue();
  });

  it('refuses only the items whose own outcome failed', async () => {
    const batch = new TickBatch<number, number>((items) => items.map((n) => (n === 2 ? { ok: false, error: new Error('bad 2') } : ok(n))));
    const results = await Promise.allSettled([1, 2, 3].map((n) => batch.add(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('refuses every item of a batch whose write threw, and writes the next batch', async () => {
    let calls = 0;
    const batch = new TickBatch<number, number>((items) => {
      calls += 1;
      if (calls === 1) throw new Error('commit failed');
      return items.map(ok);
    });
    const results = await Promise.allSettled([1, 2].map((n) => batch.add(n)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await batch.add(3)).toBe(3);
  });

  it('drains: resolves once everything added so far is written', async () => {
    const written: number[] = [];
    const batch = new TickBatch<number, number>((items) => {
      written.push(...items);
      return items.map(ok);
    });
    void batch.add(1);
    void batch.add(2);
    await batch.drain();
    expect(written).toEqual([1, 2]);
  });
});
