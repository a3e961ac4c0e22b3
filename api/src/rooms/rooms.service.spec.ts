import type { ParticipantId, RoomId } from '@parley/protocol';
import { DomainError } from '../errors';
import { flush, joinRequest, offer, room, tracks, useRoomsFixture, waitUntil } from './testing/rooms-fixture';

describe('RoomsService', () => {
  const f = useRoomsFixture();

  it('makes the first participant host and the next a guest', async () => {
    const first = await f.rooms.join(joinRequest('Ada'), {});
    const second = await f.rooms.join(joinRequest('Bob'), {});
    expect(first.result.self.role).toBe('host');
    expect(second.result.self.role).toBe('guest');
    expect(second.result.participants.map((p) => p.name)).toEqual(['Ada']);
  });

  it('creates the SFU room once for concurrent joins', async () => {
    await Promise.all([f.rooms.join(joinRequest('Ada'), {}), f.rooms.join(joinRequest('Bob'), {})]);
    expect(f.sfu.rooms.size).toBe(1);
  });

  it('tells the others when someone joins', async () => {
    const first = await f.rooms.join(joinRequest('Ada'), {});
    await f.rooms.join(joinRequest('Bob'), {});
    expect(f.pusher.to(first.session.participantId, 'participant.joined')).toEqual([jasmine.objectContaining({ name: 'Bob' })]);
  });

  it('refuses a join beyond the room cap with room.full', async () => {
    await f.rooms.join(joinRequest('Ada'), {});
    await f.rooms.join(joinRequest('Bob'), {});
    await expectAsync(f.rooms.join(joinRequest('Cy'), {})).toBeRejectedWith(
      jasmine.objectContaining({ code: 'room.full' }),
    );
  });

  it('tells the others and unsubscribes them when someone leaves', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    await f.participants.publish(ada.session, offer, tracks);
    await flush();
    await f.participants.answer(bob.session, 1, { type: 'answer', sdp: 'v=0' });
    await f.rooms.leave(ada.session, 'left');
    await flush();
    expect(f.pusher.to(bob.session.participantId, 'participant.left')).toEqual([
      { participantId: ada.session.participantId, reason: 'left' },
    ]);
    const subscriber = f.sfu.rooms.get(room)?.subscribers[0];
    expect(subscriber?.updates.at(-1)?.unsubscribe.length).toBe(2);
  });

  it('hands the host role to the longest-present participant when the host leaves', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    await f.rooms.leave(ada.session, 'left');
    expect(f.pusher.to(bob.session.participantId, 'participant.updated')).toEqual([
      jasmine.objectContaining({ name: 'Bob', role: 'host' }),
    ]);
  });

  it('frees the leaver’s SFU handles', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    await f.rooms.leave(ada.session, 'left');
    expect(f.sfu.rooms.get(room)?.publishers[0]?.closed).toBe(1);
  });

  it('ignores a second leave of the same session', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    await f.rooms.leave(ada.session, 'left');
    await expectAsync(f.rooms.leave(ada.session, 'left')).toBeResolved();
  });

  it('resumes the same identity from a session token and replaces the old connection', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const replaced: ParticipantId[] = [];
    const again = await f.rooms.join(joinRequest('Ada', { resumeToken: ada.result.token }), { replaced: (id) => replaced.push(id) });
    expect(again.session.participantId).toBe(ada.session.participantId);
    expect(again.result.self.role).toBe('host');
    expect(replaced).toEqual([ada.session.participantId]);
  });

  it('refuses a forged resume token', async () => {
    await expectAsync(f.rooms.join(joinRequest('Ada', { resumeToken: 'x.y.z' }), {})).toBeRejectedWith(
      jasmine.any(DomainError),
    );
  });

  it('records the room in the f.store', async () => {
    await f.rooms.join(joinRequest('Ada'), {});
    expect(await f.store.getRoom(room)).toEqual(jasmine.objectContaining({ id: room }));
  });

  it('tells everyone who talks and keeps the last speaker active after they stop', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    const sfuRoom = f.sfu.rooms.get(room);
    const adaFeed = sfuRoom?.publishers[0]?.feedId ?? -1;
    sfuRoom?.emitTalking(adaFeed, true);
    sfuRoom?.emitTalking(adaFeed, true);
    sfuRoom?.emitTalking(adaFeed, false);
    expect(f.pusher.to(bob.session.participantId, 'speaker.changed')).toEqual([
      { activeSpeaker: ada.session.participantId, speaking: [ada.session.participantId] },
      { activeSpeaker: ada.session.participantId, speaking: [] },
    ]);
  });

  it('clears the active speaker when they leave', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    const sfuRoom = f.sfu.rooms.get(room);
    sfuRoom?.emitTalking(sfuRoom.publishers[0]?.feedId ?? -1, true);
    await f.rooms.leave(ada.session, 'left');
    expect(f.pusher.to(bob.session.participantId, 'speaker.changed').at(-1)).toEqual({ activeSpeaker: null, speaking: [] });
  });

  it('holds a dropped participant as reconnecting, then lets them leave after the grace window', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    await f.rooms.suspend(ada.session);
    expect(f.pusher.to(bob.session.participantId, 'participant.updated')).toEqual([
      jasmine.objectContaining({ name: 'Ada', reconnecting: true }),
    ]);
    expect(f.pusher.to(bob.session.participantId, 'participant.left')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(f.pusher.to(bob.session.participantId, 'participant.left')).toEqual([
      { participantId: ada.session.participantId, reason: 'disconnected' },
    ]);
  });

  it('resumes a held participant with the same id and fresh media, without leave or join for the others', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    await f.participants.update(ada.session, { audioMuted: true });
    await f.rooms.suspend(ada.session);
    const back = await f.rooms.join(joinRequest('Ada', { resumeToken: ada.result.token }), {});
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(back.session.participantId).toBe(ada.session.participantId);
    expect(back.result.self.audioMuted).toBeTrue();
    expect(back.result.self.reconnecting).toBeUndefined();
    expect(back.result.participants.map((p) => p.name)).toEqual(['Bob']);
    expect(f.pusher.to(bob.session.participantId, 'participant.left')).toEqual([]);
    expect(f.pusher.to(bob.session.participantId, 'participant.joined')).toEqual([]);
    const publishers = f.sfu.rooms.get(room)?.publishers.filter((p) => p.participantId === ada.session.participantId);
    expect(publishers?.map((p) => p.closed)).toEqual([1, 0]);
  });

  it('rebuilds live f.rooms after the SFU restarts and asks every client to publish again', async () => {
    f.rooms.onModuleInit();
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    const before = f.sfu.nextFeed;
    await f.rooms.rebuildAfterSfuRestart();
    expect(f.pusher.to(ada.session.participantId, 'media.restart')).toEqual([{}]);
    expect(f.pusher.to(bob.session.participantId, 'media.restart')).toEqual([{}]);
    expect(f.sfu.nextFeed).toBe(before + 2);
    expect(f.pusher.to(bob.session.participantId, 'participant.left')).toEqual([]);
  });

  it('asks for the republish only once every participant of the room has fresh media', async () => {
    await f.rooms.join(joinRequest('Ada'), {});
    await f.rooms.join(joinRequest('Bob'), {});
    const freshPublishersAtRestart: number[] = [];
    const record = f.pusher.push.bind(f.pusher);
    spyOn(f.pusher, 'push').and.callFake((to, event, payload) => {
      if (event === 'media.restart') freshPublishersAtRestart.push(f.sfu.rooms.get(room)?.publishers.length ?? 0);
      record(to, event, payload);
    });
    await f.rooms.rebuildAfterSfuRestart();
    expect(freshPublishersAtRestart).toEqual([2, 2]);
  });

  it('rebuilds only the room whose SFU server was lost, leaving the other f.rooms alone', async () => {
    f.rooms.onModuleInit();
    const other = 'pqrs-tuvw-xyzq' as RoomId;
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const cy = await f.rooms.join({ room: other, name: 'Cy' }, {});
    const otherSfuRoom = f.sfu.rooms.get(other);
    f.sfu.loseRoom(room);
    await waitUntil(() => f.pusher.to(ada.session.participantId, 'media.restart').length > 0);
    expect(f.sfu.rooms.get(room)?.destroyed).toBeFalse();
    expect(f.sfu.rooms.get(room)?.publishers.map((p) => p.participantId)).toEqual([ada.session.participantId]);
    expect(f.pusher.to(cy.session.participantId, 'media.restart')).toEqual([]);
    expect(f.sfu.rooms.get(other)).toBe(otherSfuRoom);
    expect(otherSfuRoom?.publishers.map((p) => p.closed)).toEqual([0]);
  });

  it('tells the realtime layer a participant is in before the join result is built, on joins and resumes', async () => {
    const admitted: ParticipantId[] = [];
    const ada = await f.rooms.join(joinRequest('Ada'), { admitted: (id) => admitted.push(id) });
    await f.rooms.suspend(ada.session);
    await f.rooms.join(joinRequest('Ada', { resumeToken: ada.result.token }), { admitted: (id) => admitted.push(id) });
    expect(admitted).toEqual([ada.session.participantId, ada.session.participantId]);
  });
});

describe('RoomsService across a gateway restart', () => {
  const f = useRoomsFixture();

  it('takes a session back into the meeting it was in, when the restart is within the grace', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    await f.restart();
    const back = await f.rooms.join(joinRequest('Ada', { resumeToken: ada.result.token }), {});
    expect(back.result.self.id).toBe(ada.result.self.id);
    expect(back.result.meeting).toEqual(ada.result.meeting);
  });

  it('refuses a session of a meeting that went stale while no gateway served it with auth.meeting_ended, and starts a new meeting', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    await f.restart();
    // The new gateway comes up after a grace and two touches (30 s here) with nobody touching the room; the token (60 s) is still good.
    const now = Date.now.bind(Date);
    spyOn(Date, 'now').and.callFake(() => now() + 45_000);
    await expectAsync(f.rooms.join(joinRequest('Ada', { resumeToken: ada.result.token }), {})).toBeRejectedWith(
      jasmine.objectContaining({ code: 'auth.meeting_ended' }),
    );
    const zed = await f.rooms.join(joinRequest('Zed'), {});
    expect(zed.result.meeting.id).not.toBe(ada.result.meeting.id);
    expect(zed.result.self.role).toBe('host');
    await expectAsync(f.rooms.join(joinRequest('Ada', { resumeToken: ada.result.token }), {})).toBeRejectedWith(
      jasmine.objectContaining({ code: 'auth.meeting_ended' }),
    );
  });
});
