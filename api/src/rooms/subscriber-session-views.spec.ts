import { VIEW_RETRY_MS } from './subscriber-session';
import { answer, subscriberSessionFixture as setup } from './testing/subscriber-session-fixture';

describe('SubscriberSession views and layers', () => {
  it('forwards a small tile at the low layer and a large one at the top layer', async () => {
    const { session, subscriber, want } = setup();
    want(7, '0');
    want(8, '0');
    session.sync();
    await session.settled();
    session.view([
      { mid: '0', visible: true, width: 160, height: 90 },
      { mid: '1', visible: true, width: 640, height: 360 },
    ]);
    await session.settled();
    expect(subscriber.configured).toEqual([
      [
        { mid: '0', send: true, substream: 0 },
        { mid: '1', send: true, substream: 2 },
      ],
    ]);
  });

  it('pauses a stream whose tile is hidden', async () => {
    const { session, subscriber, want } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    session.view([{ mid: '0', visible: false, width: 0, height: 0 }]);
    await session.settled();
    expect(subscriber.configured.at(-1)).toEqual([{ mid: '0', send: false }]);
  });

  it('sends the SFU only the settings that changed', async () => {
    const { session, subscriber, want } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    session.view([{ mid: '0', visible: true, width: 160, height: 90 }]);
    session.view([{ mid: '0', visible: true, width: 150, height: 84 }]);
    await session.settled();
    expect(subscriber.configured.length).toBe(1);
  });

  it('ignores views of m-lines the connection does not have, so a later line does not inherit one', async () => {
    const { session, subscriber, want } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    await session.answer(1, answer);
    // A client may name any mid; only the connection's own are kept (a flood of made-up ones costs nothing).
    session.view(Array.from({ length: 50 }, (_, i) => ({ mid: String(i + 1), visible: false, width: 0, height: 0 })));
    await session.settled();
    expect(subscriber.configured).toEqual([]);
    want(8, '0');
    session.sync();
    await session.settled();
    expect(subscriber.configured).withContext('mid 1 arrived without the view sent before it existed').toEqual([]);
    session.view([{ mid: '1', visible: false, width: 0, height: 0 }]);
    await session.settled();
    expect(subscriber.configured).toEqual([[{ mid: '1', send: false }]]);
  });

  it('tries a failed layer change again without waiting for the client to report a new view', async () => {
    jasmine.clock().install();
    try {
      const { session, subscriber, errors, want } = setup();
      want(7, '0');
      session.sync();
      await session.settled();
      subscriber.failConfigures = 1;
      session.view([{ mid: '0', visible: true, width: 160, height: 90 }]);
      await session.settled();
      expect(errors.length).withContext('the failure is reported').toBe(1);
      expect(subscriber.configured).toEqual([]);
      jasmine.clock().tick(VIEW_RETRY_MS);
      await session.settled();
      expect(subscriber.configured).toEqual([[{ mid: '0', send: true, substream: 0 }]]);
    } finally {
      jasmine.clock().uninstall();
    }
  });

  it('leaves audio m-lines alone', async () => {
    const { session, subscriber, want } = setup();
    want(7, 'audio');
    session.sync();
    await session.settled();
    session.view([{ mid: '0', visible: false, width: 0, height: 0 }]);
    await session.settled();
    expect(subscriber.configured).toEqual([]);
  });
});
