import { TestBed } from '@angular/core/testing';
import { FakeGateway, refusal } from '../../testing/fake-gateway';
import { SignalingClient } from '../core/signaling/signaling-client';
import { foldKnocks, KnockQueue, type Knock, type KnockEvent } from './knock-queue';

describe('foldKnocks', () => {
  const ada: Knock = { requestId: 'r1', name: 'Ada' };
  const bob: Knock = { requestId: 'r2', name: 'Bob' };

  it('queues knocks oldest first', () => {
    const events: KnockEvent[] = [
      { type: 'knocking', ...ada },
      { type: 'knocking', ...bob },
    ];
    const queue = events.reduce(foldKnocks, [] as readonly Knock[]);
    expect(queue).toEqual([ada, bob]);
  });

  it('shows a repeated knock once (a promoted host is sent every pending one)', () => {
    expect(foldKnocks([ada], { type: 'knocking', ...ada })).toEqual([ada]);
  });

  it('drops a resolved knock and ignores an unknown one', () => {
    expect(foldKnocks([ada, bob], { type: 'resolved', requestId: 'r1' })).toEqual([bob]);
    expect(foldKnocks([bob], { type: 'resolved', requestId: 'nope' })).toEqual([bob]);
  });
});

describe('KnockQueue', () => {
  let gateway: FakeGateway;
  let queue: KnockQueue;

  beforeEach(() => {
    gateway = new FakeGateway();
    TestBed.configureTestingModule({ providers: [SignalingClient, KnockQueue, ...gateway.providers()] });
    TestBed.inject(SignalingClient).open();
    queue = TestBed.inject(KnockQueue);
  });

  afterEach(() => TestBed.inject(SignalingClient).close());

  it('folds lobby.knocking and lobby.resolved pushes', () => {
    gateway.push('lobby.knocking', { requestId: 'r1', name: 'Ada' });
    gateway.push('lobby.knocking', { requestId: 'r2', name: 'Bob' });
    gateway.push('lobby.resolved', { requestId: 'r1' });
    expect(queue.knocks()).toEqual([{ requestId: 'r2', name: 'Bob' }]);
  });

  it('answers with host.admit and drops the knock', async () => {
    gateway.push('lobby.knocking', { requestId: 'r1', name: 'Ada' });
    await queue.answer('r1', true);
    expect(gateway.sent('host.admit').map((r) => r.payload)).toEqual([{ requestId: 'r1', admit: true }]);
    expect(queue.knocks()).toEqual([]);
  });

  it('drops a knock that is no longer pending (another host answered first)', async () => {
    gateway.handlers['host.admit'] = () => refusal('validation.failed', 'That lobby request is no longer pending');
    gateway.push('lobby.knocking', { requestId: 'r1', name: 'Ada' });
    await queue.answer('r1', false);
    expect(queue.knocks()).toEqual([]);
  });

  it('keeps the knock when the answer failed otherwise, and rejects', async () => {
    gateway.handlers['host.admit'] = () => refusal('auth.forbidden');
    gateway.push('lobby.knocking', { requestId: 'r1', name: 'Ada' });
    await expectAsync(queue.answer('r1', true)).toBeRejectedWith(jasmine.objectContaining({ code: 'auth.forbidden' }));
    expect(queue.knocks().length).toBe(1);
  });
});
