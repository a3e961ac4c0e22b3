import type { ParticipantId, RoomId } from '@parley/protocol';
import { DomainError } from '../errors';
import type { SqliteStore } from '../store/sqlite-store';
import type { ParticipantService } from './participant.service';
import type { RoomsService } from './rooms.service';
import type { FakeSfu } from './testing/fake-sfu';
import type { RecordingPusher } from './testing/recording-pusher';
import { flush, joinRequest, offer, room, roomsFixture, tracks, waitUntil } from './testing/rooms-fixture';

describe('RoomsService', () => {
  let sfu: FakeSfu;
  let pusher: RecordingPusher;
  let store: SqliteStore;
  let rooms: RoomsService;
  let participants: ParticipantService;

  beforeEach(() => {
    ({ sfu, pusher, store, rooms, participants } = roomsFixture());
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

  it('tells the others and unsubscribes them when someone leaves', async () => {
    const ada = await rooms.join(joinRequest('Ada'), {});
    const bob = await rooms.join(joinRequest('Bob'), {});
    await participants.publish(ada.session, offer, tracks);
    await flush();
    await participants.answer(bob.session, 1, { type: 'answer', sdp: 'v=0' });
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

  it('records the room in the store', async () => {
    await rooms.join(joinRequest('Ada'), {});
    expect(await store.getRoom(room)).toEqual(jasmine.objectContaining({ id: room }));
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
    await participants.update(ada.session, { audioMuted: true });
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
