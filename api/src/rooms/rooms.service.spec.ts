import type { ParticipantId, RoomId, ValidRequest } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import { loadConfig } from '../config/config';
import { DomainError } from '../errors';
import { SqliteStore } from '../store/sqlite-store';
import { RoomsService, type SessionRef } from './rooms.service';
import { FakeSfu } from './testing/fake-sfu';
import { RecordingPusher } from './testing/recording-pusher';



const room = 'abcd-efgh-jkmn' as RoomId;
const offer = { type: 'offer' as const, sdp: 'v=0 offer' };
const tracks = [
  { mid: '0', source: 'microphone' as const },
  { mid: '1', source: 'camera' as const },
];

function joinRequest(name: string, extra: Partial<ValidRequest<'room.join'>> = {}): ValidRequest<'room.join'> {
  return { room, name, ...extra };
}

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).withContext('condition reached').toBeTrue();
}

/** Lets setImmediate-scheduled subscriber syncs and their promises run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('RoomsService', () => {
  let sfu: FakeSfu;
  let pusher: RecordingPusher;
  let store: SqliteStore;
  let rooms: RoomsService;

  beforeEach(() => {
    sfu = new FakeSfu();
    pusher = new RecordingPusher();
    store = new SqliteStore(':memory:');
    const config = loadConfig({ ROOM_MAX_PARTICIPANTS: '2', DATA_DIR: '/nonexistent', RESUME_GRACE_SECONDS: '0.05' });
    rooms = new RoomsService(sfu, store, config, pusher, new SessionTokens(new Uint8Array(32).fill(7), 60));
  });

  afterEach(async () => {
    await rooms.onApplicationShutdown();
    await store.close();
  });

  it('makes the first participant host and the next a guest', async () => {
    const first = await rooms.join(joinRequest('Ada'), {});
    const second = await rooms.join(joinRequest('Bob'), {});
    expect(first.result.self.role).toBe('host');
    expect(second.result.self.role).toBe('guest');
    expect(second.result.participants.map((p) => p.name)).toEqual(['Ada']);
  });

  it('creates the SFU room once for concurrent joins', async () => {
    await Promise.all([rooms.join(joinRequest('Ada'), {}), rooms.join(joinRequest('Bob'), {})]);
    expect(sfu.rooms.size).toBe(1);
  });

  it('tells the others when someone joins', async () => {
    const first = await rooms.join(joinRequest('Ada'), {});
    await rooms.join(joinRequest('Bob'), {});
    expect(pusher.to(first.session.participantId, 'participant.joined')).toEqual([jasmine.objectContaining({ name: 'Bob' })]);
  });

  it('refuses a join beyond the room cap with room.full', async () => {
    await rooms.join(joinRequest('Ada'), {});
    await rooms.join(joinRequest('Bob'), {});
    await expectAsync(rooms.join(joinRequest('Cy'), {})).toBeRejectedWith(
      jasmine.objectContaining({ code: 'room.full' }),
    );
  });

  it('sends an offer to the others when someone publishes', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    const answer = await rooms.publish(ada.session, offer, tracks);
    await flush();
    expect(answer.type).toBe('answer');
    const offers = pusher.to(bob.session.participantId, 'media.offer') as { seq: number; streams: unknown[] }[];
    expect(offers.length).toBe(1);
    expect(offers[0]?.streams).toEqual([
      { mid: '0', participantId: ada.session.participantId, kind: 'audio', source: 'microphone' },
      { mid: '1', participantId: ada.session.participantId, kind: 'video', source: 'camera' },
    ]);
  });

  it('passes the offer\'s simulcast rid order on to the SFU', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    await rooms.publish(ada.session, offer, tracks, 'lmh');
    expect(sfu.rooms.get(room)?.publishers[0]?.publishOptions).toEqual({ ridOrder: 'lmh' });
    await rooms.publish(ada.session, offer, tracks);
    expect(sfu.rooms.get(room)?.publishers[0]?.publishOptions).toEqual({});
  });

  it('offers a late joiner what is already published', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    await rooms.publish(ada.session, offer, tracks);
    const bob = await rooms.join(joinRequest('Bob'), {});
    await flush();
    expect(pusher.to(bob.session.participantId, 'media.offer')).withContext('no offer before the explicit first step').toEqual([]);
    await rooms.startMedia(bob.session);
    await flush();
    expect(pusher.to(bob.session.participantId, 'media.offer').length).toBe(1);
  });

  it('tells the others and unsubscribes them when someone leaves', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    await rooms.publish(ada.session, offer, tracks);
    await flush();
    await rooms.answer(bob.session, 1, { type: 'answer', sdp: 'v=0' });
    await rooms.leave(ada.session, 'left');
    await flush();
    expect(pusher.to(bob.session.participantId, 'participant.left')).toEqual([
      { participantId: ada.session.participantId, reason: 'left' },
    ]);
    const subscriber = sfu.rooms.get(room)?.subscribers[0];
    expect(subscriber?.updates.at(-1)?.unsubscribe.length).toBe(2);
  });

  it('hands the host role to the longest-present participant when the host leaves', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    await rooms.leave(ada.session, 'left');
    expect(pusher.to(bob.session.participantId, 'participant.updated')).toEqual([
      jasmine.objectContaining({ name: 'Bob', role: 'host' }),
    ]);
  });

  it('frees the leaver’s SFU handles', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    await rooms.leave(ada.session, 'left');
    expect(sfu.rooms.get(room)?.publishers[0]?.closed).toBe(1);
  });

  it('ignores a second leave of the same session', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    await rooms.leave(ada.session, 'left');
    await expectAsync(rooms.leave(ada.session, 'left')).toBeResolved();
  });

  it('refuses media requests from a session that is not in the room', async () => {
    const stranger: SessionRef = { room, participantId: 'ghost' as ParticipantId };
    await expectAsync(rooms.publish(stranger, offer, tracks)).toBeRejectedWith(
      jasmine.objectContaining({ code: 'session.not_joined' }),
    );
  });

  it('resumes the same identity from a session token and replaces the old connection', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const replaced: ParticipantId[] = [];
    const again = await rooms.join(joinRequest('Ada', { resumeToken: ada.result.token }), { replaced: (id) => replaced.push(id) });
    expect(again.session.participantId).toBe(ada.session.participantId);
    expect(again.result.self.role).toBe('host');
    expect(replaced).toEqual([ada.session.participantId]);
  });

  it('refuses a forged resume token', async () => {
    await expectAsync(rooms.join(joinRequest('Ada', { resumeToken: 'x.y.z' }), {})).toBeRejectedWith(
      jasmine.any(DomainError),
    );
  });

  it('tells the others about a mute change, not the sender', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    const info = await rooms.update(ada.session, { audioMuted: true });
    expect(info.audioMuted).toBeTrue();
    expect(pusher.to(bob.session.participantId, 'participant.updated')).toEqual([info]);
    expect(pusher.to(ada.session.participantId, 'participant.updated')).toEqual([]);
  });

  it('records the room in the store', async () => {
    await rooms.join(joinRequest('Ada'), {});
    expect(await store.getRoom(room)).toEqual(jasmine.objectContaining({ id: room }));
  });

  it('queues raised hands by when they were raised and keeps the place on a repeat', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const first = await rooms.update(ada.session, { handRaised: true });
    const again = await rooms.update(ada.session, { handRaised: true });
    expect(first.handRaisedAt).not.toBeNull();
    expect(again.handRaisedAt).toBe(first.handRaisedAt);
    expect((await rooms.update(ada.session, { handRaised: false })).handRaisedAt).toBeNull();
  });

  it('tells everyone who talks and keeps the last speaker active after they stop', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    const sfuRoom = sfu.rooms.get(room);
    const adaFeed = sfuRoom?.publishers[0]?.feedId ?? -1;
    sfuRoom?.emitTalking(adaFeed, true);
    sfuRoom?.emitTalking(adaFeed, true);
    sfuRoom?.emitTalking(adaFeed, false);
    expect(pusher.to(bob.session.participantId, 'speaker.changed')).toEqual([
      { activeSpeaker: ada.session.participantId, speaking: [ada.session.participantId] },
      { activeSpeaker: ada.session.participantId, speaking: [] },
    ]);
  });

  it('clears the active speaker when they leave', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    const sfuRoom = sfu.rooms.get(room);
    sfuRoom?.emitTalking(sfuRoom.publishers[0]?.feedId ?? -1, true);
    await rooms.leave(ada.session, 'left');
    expect(pusher.to(bob.session.participantId, 'speaker.changed').at(-1)).toEqual({ activeSpeaker: null, speaking: [] });
  });

  it('uses the published video height to pick layers for viewers', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    await rooms.publish(ada.session, offer, [
      { mid: '0', source: 'microphone' },
      { mid: '1', source: 'camera', width: 320, height: 180 },
    ]);
    await flush();
    await rooms.view(bob.session, [{ mid: '1', visible: true, width: 80, height: 45 }]);
    await flush();
    const subscriber = sfu.rooms.get(room)?.subscribers[0];
    expect(subscriber?.configured).toEqual([[{ mid: '1', send: true, substream: 0 }]]);
  });

  it('forwards a screen share to a viewer it is shown to without naming a layer, as it has none', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    await rooms.publish(ada.session, offer, [
      { mid: '0', source: 'microphone' },
      { mid: '1', source: 'camera', width: 320, height: 180 },
      { mid: '2', source: 'screen', width: 1280, height: 720 },
    ]);
    await flush();
    await rooms.view(bob.session, [
      { mid: '1', visible: true, width: 80, height: 45 },
      { mid: '2', visible: true, width: 320, height: 180 },
    ]);
    await flush();
    await rooms.view(bob.session, [{ mid: '2', visible: false, width: 0, height: 0 }]);
    await flush();
    expect(sfu.rooms.get(room)?.subscribers[0]?.configured).toEqual([
      [
        { mid: '1', send: true, substream: 0 },
        { mid: '2', send: true },
      ],
      [{ mid: '2', send: false }],
    ]);
  });

  it('sends someone who joins during a screen share the screen in their first offer', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    await rooms.publish(ada.session, offer, [...tracks, { mid: '2', source: 'screen' }, { mid: '3', source: 'screen-audio' }]);
    const bob = await rooms.join(joinRequest('Bob'), {});
    await rooms.startMedia(bob.session);
    await flush();
    const [first] = pusher.to(bob.session.participantId, 'media.offer') as { streams: { source: string }[] }[];
    expect(first?.streams.map((s) => s.source)).toEqual(['microphone', 'camera', 'screen', 'screen-audio']);
  });

  it('offers viewers a renegotiation without the screen once its sharer publishes without it', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    await rooms.publish(ada.session, offer, [...tracks, { mid: '2', source: 'screen' }]);
    await flush();
    await rooms.answer(bob.session, 1, { type: 'answer', sdp: 'v=0 answer' });
    await rooms.publish(ada.session, offer, tracks);
    await flush();
    const offers = pusher.to(bob.session.participantId, 'media.offer') as { seq: number; streams: { source: string }[] }[];
    expect(offers.map((o) => o.streams.map((s) => s.source))).toEqual([
      ['microphone', 'camera', 'screen'],
      ['microphone', 'camera'],
    ]);
    expect(sfu.rooms.get(room)?.subscribers[0]?.updates.at(-1)?.unsubscribe).toEqual([
      { feedId: sfu.rooms.get(room)?.publishers[0]?.feedId ?? -1, mid: '2' },
    ]);
  });

  it('refuses a screen share beyond the room limit and lets a sharer renegotiate', async () => {
    await rooms.onApplicationShutdown();
    const config = loadConfig({ ROOM_MAX_PARTICIPANTS: '3', ROOM_MAX_SCREEN_SHARES: '1', DATA_DIR: '/nonexistent' });
    rooms = new RoomsService(sfu, store, config, pusher, new SessionTokens(new Uint8Array(32).fill(7), 60));
    const withScreen = [...tracks, { mid: '2', source: 'screen' as const }];
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    await rooms.publish(ada.session, offer, withScreen);
    await expectAsync(rooms.publish(bob.session, offer, withScreen)).toBeRejectedWith(
      jasmine.objectContaining({ code: 'media.share_limit' }),
    );
    await expectAsync(rooms.publish(ada.session, offer, withScreen)).toBeResolved();
    await expectAsync(rooms.publish(bob.session, offer, tracks)).toBeResolved();
  });

  it('holds a dropped participant as reconnecting, then lets them leave after the grace window', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    await rooms.suspend(ada.session);
    expect(pusher.to(bob.session.participantId, 'participant.updated')).toEqual([
      jasmine.objectContaining({ name: 'Ada', reconnecting: true }),
    ]);
    expect(pusher.to(bob.session.participantId, 'participant.left')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(pusher.to(bob.session.participantId, 'participant.left')).toEqual([
      { participantId: ada.session.participantId, reason: 'disconnected' },
    ]);
  });

  it('resumes a held participant with the same id and fresh media, without leave or join for the others', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    await rooms.update(ada.session, { audioMuted: true });
    await rooms.suspend(ada.session);
    const back = await rooms.join(joinRequest('Ada', { resumeToken: ada.result.token }), {});
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(back.session.participantId).toBe(ada.session.participantId);
    expect(back.result.self.audioMuted).toBeTrue();
    expect(back.result.self.reconnecting).toBeUndefined();
    expect(back.result.participants.map((p) => p.name)).toEqual(['Bob']);
    expect(pusher.to(bob.session.participantId, 'participant.left')).toEqual([]);
    expect(pusher.to(bob.session.participantId, 'participant.joined')).toEqual([]);
    const publishers = sfu.rooms.get(room)?.publishers.filter((p) => p.participantId === ada.session.participantId);
    expect(publishers?.map((p) => p.closed)).toEqual([1, 0]);
  });

  it('rebuilds live rooms after the SFU restarts and asks every client to publish again', async () => {
    rooms.onModuleInit();
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    const before = sfu.nextFeed;
    await rooms.rebuildAfterSfuRestart();
    expect(pusher.to(ada.session.participantId, 'media.restart')).toEqual([{}]);
    expect(pusher.to(bob.session.participantId, 'media.restart')).toEqual([{}]);
    expect(sfu.nextFeed).toBe(before + 2);
    expect(pusher.to(bob.session.participantId, 'participant.left')).toEqual([]);
  });

  it('asks for the republish only once every participant of the room has fresh media', async () => {
    await rooms.join(joinRequest('Ada'), {});
    await rooms.join(joinRequest('Bob'), {});
    const freshPublishersAtRestart: number[] = [];
    const record = pusher.push.bind(pusher);
    spyOn(pusher, 'push').and.callFake((to, event, payload) => {
      if (event === 'media.restart') freshPublishersAtRestart.push(sfu.rooms.get(room)?.publishers.length ?? 0);
      record(to, event, payload);
    });
    await rooms.rebuildAfterSfuRestart();
    expect(freshPublishersAtRestart).toEqual([2, 2]);
  });

  it('rebuilds only the room whose SFU server was lost, leaving the other rooms alone', async () => {
    rooms.onModuleInit();
    const other = 'pqrs-tuvw-xyzq' as RoomId;
    const ada = await rooms.join(joinRequest('Ada'), {});
    const cy = await rooms.join({ room: other, name: 'Cy' }, {});
    const otherSfuRoom = sfu.rooms.get(other);
    sfu.loseRoom(room);
    await waitUntil(() => pusher.to(ada.session.participantId, 'media.restart').length > 0);
    expect(sfu.rooms.get(room)?.destroyed).toBeFalse();
    expect(sfu.rooms.get(room)?.publishers.map((p) => p.participantId)).toEqual([ada.session.participantId]);
    expect(pusher.to(cy.session.participantId, 'media.restart')).toEqual([]);
    expect(sfu.rooms.get(other)).toBe(otherSfuRoom);
    expect(otherSfuRoom?.publishers.map((p) => p.closed)).toEqual([0]);
  });

  it('tells the realtime layer a participant is in before the join result is built, on joins and resumes', async () => {
    const admitted: ParticipantId[] = [];
    const ada = await rooms.join(joinRequest('Ada'), { admitted: (id) => admitted.push(id) });
    await rooms.suspend(ada.session);
    await rooms.join(joinRequest('Ada', { resumeToken: ada.result.token }), { admitted: (id) => admitted.push(id) });
    expect(admitted).toEqual([ada.session.participantId, ada.session.participantId]);
  });
});
