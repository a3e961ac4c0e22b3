import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('runs operations one at a time, in call order', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const slow = queue.run(async () => {
      events.push('a start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push('a end');
    });
    const fast = queue.run(async () => {
      events.push('b');
    });

    await Promise.all([slow, fast]);

    expect(events).toEqual(['a start', 'a end', 'b']);
  });

  it('does not let a failure block the operations after it', async () => {
    const queue = new SerialQueue();
    const failing = queue.run(() => Promise.reject(new Error('no')));
    const next = queue.run(async () => 'ran');

    await expectAsync(failing).toBeRejectedWithError('no');
    await expectAsync(next).toBeResolvedTo('ran');
  });
});
