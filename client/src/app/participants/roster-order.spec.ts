import { participant } from '../../testing/participants';
import { rosterOrder } from './roster-order';

describe('rosterOrder', () => {
  const me = participant('me', 'Ada', { joinedAt: 5 });
  const bob = participant('bob', 'Bob', { joinedAt: 1 });
  const cy = participant('cy', 'Cy', { joinedAt: 2 });
  const di = participant('di', 'Di', { joinedAt: 3 });
  const names = (entries: ReturnType<typeof rosterOrder>) => entries.map((e) => e.participant.name);

  it('lists oneself first, then everyone else in the order they joined', () => {
    expect(names(rosterOrder(me, [cy, bob, di]))).toEqual(['Ada', 'Bob', 'Cy', 'Di']);
  });

  it('marks only oneself as self', () => {
    expect(rosterOrder(me, [bob]).map((e) => e.isSelf)).toEqual([true, false]);
  });

  it('puts raised hands right after oneself, first raised first', () => {
    const raisedLate = { ...di, handRaisedAt: 200 };
    const raisedEarly = { ...cy, handRaisedAt: 100 };
    expect(names(rosterOrder(me, [bob, raisedEarly, raisedLate]))).toEqual(['Ada', 'Cy', 'Di', 'Bob']);
  });

  it('numbers the queue, counting one’s own raised hand where it was raised', () => {
    const entries = rosterOrder({ ...me, handRaisedAt: 150 }, [bob, { ...cy, handRaisedAt: 100 }, { ...di, handRaisedAt: 200 }]);
    expect(entries.map((e) => [e.participant.name, e.handPosition])).toEqual([
      ['Ada', 2],
      ['Cy', 1],
      ['Di', 3],
      ['Bob', null],
    ]);
  });

  it('breaks a tie in raise time by id, so every screen shows the same queue', () => {
    const entries = rosterOrder(me, [{ ...di, handRaisedAt: 100 }, { ...cy, handRaisedAt: 100 }]);
    expect(names(entries)).toEqual(['Ada', 'Cy', 'Di']);
  });

  it('lists everyone else before the join snapshot names oneself', () => {
    expect(names(rosterOrder(null, [bob]))).toEqual(['Bob']);
  });
});
