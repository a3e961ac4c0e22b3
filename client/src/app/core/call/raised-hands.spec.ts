import { participant } from '../../../testing/participants';
import { handQueue, raisedHandsInOrder, stageOrder } from './raised-hands';

const tile = (participantId: string, handRaisedAt: number | null, isSelf = false) => ({ participantId, handRaisedAt, isSelf });

describe('raisedHandsInOrder', () => {
  it('lists only raised hands, first raised first', () => {
    const people = [
      participant('a', 'A', { handRaisedAt: 300 }),
      participant('b', 'B'),
      participant('c', 'C', { handRaisedAt: 100 }),
      participant('d', 'D', { handRaisedAt: 200 }),
    ];
    expect(raisedHandsInOrder(people, (p) => p.id).map((p) => p.id)).toEqual(['c', 'd', 'a'] as never);
  });

  it('breaks a tie by id, so every client shows the same queue', () => {
    const people = [participant('z', 'Z', { handRaisedAt: 5 }), participant('m', 'M', { handRaisedAt: 5 })];
    expect(raisedHandsInOrder(people, (p) => p.id).map((p) => p.id)).toEqual(['m', 'z'] as never);
  });

  it('does not reorder its input', () => {
    const people = [participant('a', 'A', { handRaisedAt: 2 }), participant('b', 'B', { handRaisedAt: 1 })];
    raisedHandsInOrder(people, (p) => p.id);
    expect(people.map((p) => p.id)).toEqual(['a', 'b'] as never);
  });
});

describe('handQueue', () => {
  it('numbers raised hands from 1 in the order they went up', () => {
    const queue = handQueue([tile('a', 30), tile('b', null), tile('c', 10)], (t) => t.participantId);
    expect([...queue]).toEqual([
      ['c', 1],
      ['a', 2],
    ]);
  });
});

describe('stageOrder', () => {
  it('keeps oneself first, then raised hands by time, then the rest as they joined', () => {
    const order = stageOrder([tile('me', 1, true), tile('a', null), tile('b', 50), tile('c', null), tile('d', 20)]);
    expect(order.map((t) => t.participantId)).toEqual(['me', 'd', 'b', 'a', 'c']);
  });

  it('keeps the join order when nobody raises a hand', () => {
    const order = stageOrder([tile('me', null, true), tile('a', null), tile('b', null)]);
    expect(order.map((t) => t.participantId)).toEqual(['me', 'a', 'b']);
  });
});
