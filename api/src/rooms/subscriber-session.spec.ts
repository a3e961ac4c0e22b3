import { DomainError } from '../errors';
import { answer, subscriberSessionFixture as setup } from './testing/subscriber-session-fixture';

describe('SubscriberSession', () => {
  it('makes no offer while held, and the changes meanwhile once the gate opens', async () => {
    const { session, pushed, want } = setup();
    let open: () => void = () => undefined;
    session.holdUntil(new Promise<void>((resolve) => (open = resolve)));
    want(1, 'camera');
    session.sync();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(pushed).toEqual([]);
    open();
    await session.settled();
    expect(pushed.length).toBe(1);
    expect(pushed[0]?.streams.map((s) => s.participantId)).toEqual(['1']);
  });

  it('creates no SFU subscriber while there is nothing to receive', async () => {
    const { session, created, pushed } = setup();
    session.sync();
    await session.settled();
    expect(created()).toBe(0);
    expect(pushed).toEqual([]);
  });

  it('pushes a first offer with seq 1 describing the subscribed streams', async () => {
    const { session, want, pushed } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    expect(pushed.length).toBe(1);
    expect(pushed[0]?.seq).toBe(1);
    expect(pushed[0]?.streams).toEqual([{ mid: '0', participantId: '7', kind: 'video', source: 'camera' }]);
  });

  it('keeps a change made while the previous one is still with the SFU for the offer after the next answer', async () => {
    const { session, subscriber, want, pushed } = setup();
    let release = (): void => undefined;
    subscriber.gate = new Promise<void>((resolve) => (release = resolve));
    want(7, '0');
    session.sync();
    await new Promise((resolve) => setImmediate(resolve));
    expect(subscriber.updates).withContext('the first update is with the SFU').toEqual([]);
    // Another publisher comes while the SFU is still preparing the first offer (as when everyone republishes at once).
    want(8, '0');
    session.sync();
    release();
    await session.settled();
    expect(pushed.length).toBe(1);
    await session.answer(1, answer);
    await session.settled();
    expect(pushed.length).toBe(2);
    expect(subscriber.updates.flatMap((update) => update.subscribe.map((ref) => ref.feedId))).toEqual([7, 8]);
  });

  it('coalesces changes made while an offer is unanswered into one next offer', async () => {
    const { session, subscriber, want, pushed } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    want(8, '0');
    session.sync();
    want(9, '0');
    session.sync();
    await session.settled();
    expect(pushed.length).toBe(1);
    await session.answer(1, answer);
    await session.settled();
    expect(pushed.length).toBe(2);
    expect(subscriber.updates[1]?.subscribe.map((r) => r.feedId)).toEqual([8, 9]);
  });

  it('returns the first offer for the join reply instead of pushing it', async () => {
    const { session, want, pushed } = setup();
    want(7, '0');
    const first = await session.firstOffer();
    expect(first?.seq).toBe(1);
    expect(first?.streams).toEqual([{ mid: '0', participantId: '7', kind: 'video', source: 'camera' }]);
    expect(pushed).toEqual([]);
  });

  it('gives the join no offer while a pushed one is unanswered (the client takes that one)', async () => {
    const { session, want, pushed } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    expect(await session.firstOffer()).toBeNull();
    expect(pushed.map((offer) => offer.seq)).toEqual([1]);
  });

  it('drops an offer the SFU makes after the session was closed', async () => {
    const { session, subscriber, want, pushed } = setup();
    let release = (): void => undefined;
    subscriber.gate = new Promise<void>((resolve) => (release = resolve));
    want(7, '0');
    session.sync();
    await new Promise((resolve) => setImmediate(resolve));
    const closed = session.close();
    release();
    await closed;
    expect(pushed).toEqual([]);
    expect(subscriber.closed).toBe(1);
  });

  it('refuses an answer that arrives while it closes', async () => {
    const { session, subscriber, want } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    const closed = session.close();
    await expectAsync(session.answer(1, answer)).toBeRejectedWith(jasmine.any(DomainError));
    await closed;
    expect(subscriber.answers).toEqual([]);
  });

  it('refuses an answer to a stale offer', async () => {
    const { session, want } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    await expectAsync(session.answer(5, answer)).toBeRejectedWith(jasmine.any(DomainError));
  });

  it('refuses an answer when no offer is outstanding', async () => {
    const { session } = setup();
    await expectAsync(session.answer(1, answer)).toBeRejectedWith(jasmine.any(DomainError));
  });

  it('unsubscribes streams that are no longer wanted', async () => {
    const { session, subscriber, desired, want } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    await session.answer(1, answer);
    desired.clear();
    session.sync();
    await session.settled();
    expect(subscriber.updates[1]?.unsubscribe).toEqual([{ feedId: 7, mid: '0' }]);
  });

  it('lets a second answer to the same offer, finishing after the next offer went out, leave that offer outstanding', async () => {
    const { session, subscriber, want, pushed } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    want(8, '0');
    session.sync();
    // The SFU takes the second copy late.
    let release: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (release = resolve));
    const start = subscriber.start.bind(subscriber);
    let calls = 0;
    subscriber.start = async (sdp) => {
      calls += 1;
      if (calls === 2) await late;
      return start(sdp);
    };
    const first = session.answer(1, answer);
    const twice = session.answer(1, answer);
    await first;
    await session.settled();
    expect(pushed.map((p) => p.seq)).withContext('the change followed the first answer').toEqual([1, 2]);
    release();
    await twice;
    expect(session.pendingOffer).withContext('offer 2 still waits for its own answer').toBe(2);
  });

  it('hands the answer to the SFU subscriber', async () => {
    const { session, subscriber, want } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    await session.answer(1, answer);
    expect(subscriber.answers).toEqual([answer]);
  });

  it('closes its SFU subscriber once, however often it is closed', async () => {
    const { session, subscriber, want } = setup();
    want(7, '0');
    session.sync();
    await session.settled();
    await session.close();
    await session.close();
    expect(subscriber.closed).toBe(1);
  });

  it('reports SFU failures instead of throwing them at the caller', async () => {
    const { session, subscriber, want, errors } = setup();
    subscriber.gate = Promise.reject(new Error('janus down'));
    want(7, '0');
    session.sync();
    await session.settled();
    expect(errors.length).toBe(1);
  });
});
