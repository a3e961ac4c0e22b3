import type { IceCandidate, RemoteStream, Sdp, SubscriberOffer } from '@parley/protocol';
import { deferred, settle, until, type Deferred } from '../../../testing/async';
import { FakePeerConnection } from '../../../testing/fake-peer-connection';
import { audioTrack, videoTrack } from '../../../testing/media-fakes';
import { SubscriberConnection } from './subscriber-connection';

const offer = (seq: number, streams: RemoteStream[] = []): SubscriberOffer => ({
  seq,
  offer: { type: 'offer', sdp: `offer-${seq}` },
  streams,
});

describe('SubscriberConnection offer queue', () => {
  let pc: FakePeerConnection;
  let answers: { seq: number; answer: Sdp }[];
  /** What the peer connection had been asked to do when each answer was sent. */
  let logWhenSent: string[][];
  let pendingAnswers: Deferred<void>[];
  let holdAnswers: boolean;
  let trickled: IceCandidate[];
  let errors: unknown[];
  let subscriber: SubscriberConnection;

  beforeEach(() => {
    answers = [];
    logWhenSent = [];
    pendingAnswers = [];
    holdAnswers = false;
    trickled = [];
    errors = [];
    subscriber = new SubscriberConnection({
      iceServers: [],
      createPeerConnection: (configuration) => {
        pc = new FakePeerConnection(configuration);
        return pc.asPeerConnection();
      },
      signaling: {
        answer: (seq, answer) => {
          answers.push({ seq, answer });
          logWhenSent.push([...pc.log]);
          if (!holdAnswers) return Promise.resolve();
          const pending = deferred();
          pendingAnswers.push(pending);
          return pending.promise;
        },
        trickle: (candidate) => trickled.push(candidate),
      },
      onError: (error) => errors.push(error),
    });
  });

  afterEach(() => subscriber.close());

  it('answers an offer with the same seq', async () => {
    subscriber.enqueue(offer(7));
    await settle();
    expect(answers).toEqual([{ seq: 7, answer: { type: 'answer', sdp: 'answer-to-offer-7' } }]);
  });

  it('answers as the DTLS server (a=setup:passive), in what it sends and what it applies, keeping the line ends', async () => {
    // The fake answers with the offer's text after "answer-to-": an offer line a=setup:active stands for the browser's choice.
    subscriber.enqueue({ seq: 9, offer: { type: 'offer', sdp: 'offer-9\r\na=setup:active\r\n' }, streams: [] });
    await until(() => answers.length === 1);
    await settle();
    expect(answers[0]?.answer.sdp).toBe('answer-to-offer-9\r\na=setup:passive\r\n');
    expect(pc.log).toContain('setLocalDescription answer-to-offer-9\r\na=setup:passive\r\n');
  });

  it('sends the answer before applying it, so Janus has our ICE credentials before our first check', async () => {
    holdAnswers = true;
    subscriber.enqueue(offer(3));
    await until(() => answers.length === 1);
    expect(logWhenSent[0]?.some((entry) => entry.startsWith('setLocalDescription'))).toBeFalse();
    pendingAnswers[0]?.resolve();
    await settle();
    expect(pc.log.filter((entry) => entry.startsWith('setLocalDescription'))).toEqual(['setLocalDescription answer-to-offer-3']);
  });

  it('does not touch the next offer until the previous answer is acknowledged', async () => {
    holdAnswers = true;
    subscriber.enqueue(offer(1));
    subscriber.enqueue(offer(2));
    await settle();
    expect(pc.log.filter((entry) => entry.startsWith('setRemoteDescription'))).toEqual(['setRemoteDescription offer-1']);
    pendingAnswers[0]?.resolve();
    await settle();
    expect(pc.log.filter((entry) => entry.startsWith('setRemoteDescription'))).toEqual([
      'setRemoteDescription offer-1',
      'setRemoteDescription offer-2',
    ]);
  });

  it('resolves an enqueued offer once its answer is acknowledged, and one still queued when the connection closes', async () => {
    holdAnswers = true;
    let first = false;
    let second = false;
    void subscriber.enqueue(offer(1)).then(() => (first = true));
    void subscriber.enqueue(offer(2)).then(() => (second = true));
    await settle();
    expect(first).withContext('the answer is not acknowledged yet').toBeFalse();
    pendingAnswers[0]?.resolve();
    await settle();
    expect(first).toBeTrue();
    expect(second).withContext('offer 2 waits for its own answer').toBeFalse();
    subscriber.close();
    await settle();
    expect(second).withContext('dropped by close: nobody waits forever').toBeTrue();
  });

  it('applies and answers offers in the order they arrived', async () => {
    for (const seq of [1, 2, 3]) subscriber.enqueue(offer(seq));
    await settle(10);
    expect(answers.map((a) => a.seq)).toEqual([1, 2, 3]);
    expect(answers.map((a) => a.answer.sdp)).toEqual(['answer-to-offer-1', 'answer-to-offer-2', 'answer-to-offer-3']);
  });

  it('reports an offer that cannot be applied and carries on with the next', async () => {
    pc.failRemote = 'offer-1';
    subscriber.enqueue(offer(1));
    subscriber.enqueue(offer(2));
    await settle(10);
    expect(errors.length).toBe(1);
    expect(answers.map((a) => a.seq)).toEqual([2]);
  });

  it('holds local ICE candidates until the first answer is sent, then sends them without waiting for its ack', async () => {
    holdAnswers = true;
    pc.gather({ candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 });
    expect(trickled).withContext('no answer sent yet').toEqual([]);
    subscriber.enqueue(offer(1));
    await until(() => answers.length === 1);
    expect(trickled.length).withContext('the held candidate follows the answer').toBe(1);
    pc.gather(null);
    expect(trickled[1]).withContext('later ones go straight through, before the ack').toBeNull();
    pendingAnswers[0]?.resolve();
  });

  it('drops queued offers and closes its peer connection on close', async () => {
    holdAnswers = true;
    subscriber.enqueue(offer(1));
    subscriber.enqueue(offer(2));
    await settle();
    subscriber.close();
    pendingAnswers[0]?.resolve();
    await settle();
    expect(answers.map((a) => a.seq)).toEqual([1]);
    expect(pc.closed).toBeTrue();
  });

  it('sends no answer and shows no tracks for an offer it was applying when closed', async () => {
    subscriber.enqueue(offer(1, [{ mid: '0', participantId: 'ada', kind: 'audio', source: 'microphone' }]));
    subscriber.close();
    await settle();
    expect(pc.log).toContain('setRemoteDescription offer-1');
    expect(answers).toEqual([]);
    expect(subscriber.tracks()).toEqual([]);
  });

  it('reports no statistics once closed', async () => {
    subscriber.close();
    expect(await subscriber.stats()).toBeNull();
  });

  it('closes idempotently', () => {
    subscriber.close();
    expect(() => subscriber.close()).not.toThrow();
    expect(subscriber.state()).toBe('closed');
  });
});

/**
 * Against a real RTCPeerConnection standing in for Janus: a multistream
 * offer with one participant's microphone and camera.
 */
describe('SubscriberConnection with a real peer connection', () => {
  let janus: RTCPeerConnection;
  let subscriber: SubscriberConnection;
  let seq: number;

  const streams: RemoteStream[] = [
    { mid: '0', participantId: 'ada', kind: 'audio', source: 'microphone' },
    { mid: '1', participantId: 'ada', kind: 'video', source: 'camera' },
  ];

  async function pushOffer(nextStreams: RemoteStream[]): Promise<void> {
    await janus.setLocalDescription(await janus.createOffer());
    const sdp = janus.localDescription?.sdp ?? '';
    subscriber.enqueue({ seq: ++seq, offer: { type: 'offer', sdp }, streams: nextStreams });
  }

  beforeEach(() => {
    seq = 0;
    janus = new RTCPeerConnection();
    janus.addTransceiver(audioTrack(), { direction: 'sendonly' });
    janus.addTransceiver(videoTrack(), { direction: 'sendonly' });
    subscriber = new SubscriberConnection({
      iceServers: [],
      createPeerConnection: (configuration) => new RTCPeerConnection(configuration),
      signaling: {
        answer: (_seq, answer) => janus.setRemoteDescription(answer),
        trickle: () => undefined,
      },
      onError: (error) => fail(error),
    });
  });

  afterEach(() => {
    subscriber.close();
    janus.close();
  });

  it('maps each received track to the participant and source the streams name', async () => {
    await pushOffer(streams);
    await until(() => subscriber.tracks().length === 2);
    const tracks = subscriber.tracks().map((t) => `${t.participantId}/${t.source}/${t.track.kind}`);
    expect(tracks).toEqual(['ada/microphone/audio', 'ada/camera/video']);
  });

  it('drops a track whose mid disappears from the streams', async () => {
    await pushOffer(streams);
    await until(() => subscriber.tracks().length === 2);
    await pushOffer(streams.slice(0, 1));
    await until(() => subscriber.tracks().length === 1);
    expect(subscriber.tracks()[0]?.source).toBe('microphone');
  });

  it('drops a track whose m-line goes inactive', async () => {
    await pushOffer(streams);
    await until(() => subscriber.tracks().length === 2);
    const video = janus.getTransceivers()[1];
    if (video) video.direction = 'inactive';
    await pushOffer(streams);
    await until(() => subscriber.tracks().length === 1);
    expect(subscriber.tracks()[0]?.kind).toBe('audio');
  });
});

describe('SubscriberConnection.iceSettled', () => {
  let pc: FakePeerConnection;
  let subscriber: SubscriberConnection;

  beforeEach(async () => {
    subscriber = new SubscriberConnection({
      iceServers: [],
      createPeerConnection: (configuration) => {
        pc = new FakePeerConnection(configuration);
        pc.holdIce = true;
        return pc.asPeerConnection();
      },
      signaling: { answer: () => Promise.resolve(), trickle: () => undefined },
      onError: () => undefined,
    });
    await subscriber.enqueue(offer(1));
  });

  afterEach(() => subscriber.close());

  /** Whether `promise` has settled after the pending callbacks ran. */
  const settledYet = async (promise: Promise<void>): Promise<boolean> => {
    let done = false;
    void promise.then(() => (done = true));
    await settle();
    return done;
  };

  it('waits while ICE checks, resolves once it connects, and removes its listener', async () => {
    const waiting = subscriber.iceSettled(10_000);
    expect(await settledYet(waiting)).withContext('ICE is still checking').toBeFalse();
    pc.ice('connected');
    expect(await settledYet(waiting)).toBeTrue();
    expect(pc.listenerCount('iceconnectionstatechange')).toBe(0);
  });

  it('resolves when ICE fails, or the connection closes: nothing waits on a path that will not come', async () => {
    const failing = subscriber.iceSettled(10_000);
    pc.ice('failed');
    expect(await settledYet(failing)).toBeTrue();
    pc.ice('checking');
    const closing = subscriber.iceSettled(10_000);
    subscriber.close(); // A closed RTCPeerConnection fires no more events.
    expect(await settledYet(closing)).toBeTrue();
    expect(pc.listenerCount('iceconnectionstatechange')).toBe(0);
  });

  it('gives up waiting after its timeout (a slow relay must not hold the call view back)', async () => {
    const waiting = subscriber.iceSettled(20);
    expect(await settledYet(waiting)).toBeFalse();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await settledYet(waiting)).toBeTrue();
    expect(pc.listenerCount('iceconnectionstatechange')).toBe(0);
  });

  it('resolves at once when ICE has already connected', async () => {
    pc.ice('completed');
    expect(await settledYet(subscriber.iceSettled(10_000))).toBeTrue();
  });
});
