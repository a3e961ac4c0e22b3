import { TestBed } from '@angular/core/testing';
import type { JoinResult, RoomId, SubscriberOffer } from '@parley/protocol';
import { settle, until } from '../../../testing/async';
import { FakePeerConnection } from '../../../testing/fake-peer-connection';
import { FakeSocket } from '../../../testing/fake-socket';
import { participant } from '../../../testing/participants';
import { SignalingClient } from '../signaling/signaling-client';
import { SOCKET_FACTORY } from '../signaling/socket-factory';
import { CallConnections } from './call-connections';

const session: JoinResult = {
  room: 'abcde-fghjk' as RoomId,
  self: participant('me', 'Ada'),
  participants: [],
  token: 't',
  iceServers: [{ urls: ['stun:stun.example.org'] }],
  meeting: { id: 'meeting-1', startedAt: 0 },
  chat: { messages: [], hasMore: false },
  settings: { locked: false, hasPassword: false, lobby: false },
  speakers: { activeSpeaker: null, speaking: [] },
};
const offer = (seq: number): SubscriberOffer => ({ seq, offer: { type: 'offer', sdp: `offer-${seq}` }, streams: [] });

describe('CallConnections', () => {
  let socket: FakeSocket;
  let pcs: FakePeerConnection[];
  let connections: CallConnections;
  let refuseAnswers: boolean;
  const answers = () => socket.sent.filter((r) => r.event === 'media.answer').map((r) => (r.payload as { seq: number }).seq);

  beforeEach(() => {
    pcs = [];
    refuseAnswers = false;
    TestBed.configureTestingModule({
      providers: [
        SignalingClient,
        {
          provide: SOCKET_FACTORY,
          useValue: (url: string | undefined, options: object) => {
            socket = new FakeSocket(url, options);
            socket.reply = (event) =>
              Promise.resolve(
                refuseAnswers && event === 'media.answer' ? { ok: false, error: { code: 'media.failed', message: 'refused' } } : { ok: true, data: {} },
              );
            return socket.asSocket();
          },
        },
      ],
    });
    const signaling = TestBed.inject(SignalingClient);
    signaling.open();
    connections = new CallConnections({
      signaling,
      encodings: [],
      createPeerConnection: (configuration) => {
        const pc = new FakePeerConnection(configuration);
        pcs.push(pc);
        return pc.asPeerConnection();
      },
    });
  });

  afterEach(() => connections.drop());

  it('keeps offers that overtook the join ack, then answers them in order with the session’s ICE servers', async () => {
    const failed = jasmine.createSpy('onError');
    connections.acceptOffer(null, offer(1), failed);
    connections.acceptOffer(null, offer(2), failed);
    expect(pcs.length).withContext('no connection before the ICE servers are known').toBe(0);

    await connections.open(session, failed);
    expect(answers()).withContext('open resolves once every offer is answered').toEqual([1, 2]);
    expect(pcs.length).toBe(1);
    expect(pcs[0]?.configuration.iceServers).toEqual([{ urls: ['stun:stun.example.org'] }]);
    expect(failed).not.toHaveBeenCalled();
  });

  it('prepares the subscriber before the join reply, then gives it the ICE servers and answers the reply’s own offer first', async () => {
    const failed = jasmine.createSpy('onError');
    connections.prepare(failed);
    expect(pcs.length).toBe(1);
    expect(pcs[0]?.configuration.iceServers).toEqual([]);
    connections.acceptOffer(null, offer(2), failed);

    await connections.open({ ...session, offer: offer(1) }, failed);
    expect(answers()).toEqual([1, 2]);
    expect(pcs.length).withContext('the prepared connection is the one used').toBe(1);
    expect(pcs[0]?.configuration.iceServers).toEqual([{ urls: ['stun:stun.example.org'] }]);
  });

  it('resolves open only once the first answer’s ICE has connected, so the call view renders after the checks went out', async () => {
    connections.prepare(() => undefined);
    const pc = pcs[0];
    if (pc) pc.holdIce = true;
    let opened = false;
    void connections.open({ ...session, offer: offer(1) }, () => undefined).then(() => (opened = true));
    await until(() => answers().length === 1);
    await settle();
    expect(opened).withContext('answered, ICE still checking').toBeFalse();
    pc?.ice('connected');
    await until(() => opened);
    expect(opened).toBeTrue();
  });

  it('closes the prepared subscriber when the join brings no offer (nobody publishes yet), and makes one on the first push', async () => {
    connections.prepare(() => undefined);
    await connections.open(session, () => undefined);
    expect(pcs[0]?.closed).toBeTrue();
    expect(connections.subscriber()).toBeNull();
    await connections.acceptOffer(session, offer(1), () => undefined);
    expect(pcs.length).toBe(2);
    expect(answers()).toEqual([1]);
  });

  it('tells the latest handler about an offer that fails on a prepared connection', async () => {
    const stale = jasmine.createSpy('stale');
    const current = jasmine.createSpy('current');
    connections.prepare(stale);
    refuseAnswers = true;
    await connections.open({ ...session, offer: offer(1) }, current);
    expect(current).toHaveBeenCalled();
    expect(stale).not.toHaveBeenCalled();
  });

  it('forgets waiting offers and closes both connections on drop', async () => {
    connections.acceptOffer(null, offer(1), () => undefined);
    connections.ensurePublisher(session);
    connections.drop();
    expect(connections.publisher()).toBeNull();
    await connections.open(session, () => undefined);
    expect(connections.subscriber()).withContext('the dropped offer is not applied').toBeNull();
  });

  it('creates one publisher connection and reuses it', () => {
    const first = connections.ensurePublisher(session);
    expect(connections.ensurePublisher(session)).toBe(first);
  });
});
