import type { ParticipantId } from '@parley/protocol';
import type { SessionRef } from './rooms.service';
import { flush, joinRequest, offer, room, tracks, useRoomsFixture } from './testing/rooms-fixture';

describe('ParticipantService', () => {
  const f = useRoomsFixture();

  it('sends an offer to the others when someone publishes', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    const answer = await f.participants.publish(ada.session, offer, tracks);
    await flush();
    expect(answer.type).toBe('answer');
    const offers = f.pusher.to(bob.session.participantId, 'media.offer') as { seq: number; streams: unknown[] }[];
    expect(offers.length).toBe(1);
    expect(offers[0]?.streams).toEqual([
      { mid: '0', participantId: ada.session.participantId, kind: 'audio', source: 'microphone' },
      { mid: '1', participantId: ada.session.participantId, kind: 'video', source: 'camera' },
    ]);
  });

  it('passes the offer\'s simulcast rid order on to the SFU', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    await f.participants.publish(ada.session, offer, tracks, 'lmh');
    expect(f.sfu.rooms.get(room)?.publishers[0]?.publishOptions).toEqual({ ridOrder: 'lmh' });
    await f.participants.publish(ada.session, offer, tracks);
    expect(f.sfu.rooms.get(room)?.publishers[0]?.publishOptions).toEqual({});
  });

  it('offers a late joiner what is already published in the join reply, not as a push', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    expect(ada.result.offer).withContext('nothing published yet').toBeUndefined();
    await f.participants.publish(ada.session, offer, tracks);
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    await flush();
    expect(bob.result.offer?.seq).toBe(1);
    expect(bob.result.offer?.streams.map((s) => s.participantId)).toEqual([ada.session.participantId, ada.session.participantId]);
    expect(f.pusher.to(bob.session.participantId, 'media.offer')).toEqual([]);
  });

  it('refuses media requests from a session that is not in the room', async () => {
    const stranger: SessionRef = { room, participantId: 'ghost' as ParticipantId };
    await expectAsync(f.participants.publish(stranger, offer, tracks)).toBeRejectedWith(
      jasmine.objectContaining({ code: 'session.not_joined' }),
    );
  });

  it('tells the others about a mute change, not the sender', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    const info = await f.participants.update(ada.session, { audioMuted: true });
    expect(info.audioMuted).toBeTrue();
    expect(f.pusher.to(bob.session.participantId, 'participant.updated')).toEqual([info]);
    expect(f.pusher.to(ada.session.participantId, 'participant.updated')).toEqual([]);
  });

  it('queues raised hands by when they were raised and keeps the place on a repeat', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const first = await f.participants.update(ada.session, { handRaised: true });
    const again = await f.participants.update(ada.session, { handRaised: true });
    expect(first.handRaisedAt).not.toBeNull();
    expect(again.handRaisedAt).toBe(first.handRaisedAt);
    expect((await f.participants.update(ada.session, { handRaised: false })).handRaisedAt).toBeNull();
  });

  it('uses the published video height to pick layers for viewers', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    await f.participants.publish(ada.session, offer, [
      { mid: '0', source: 'microphone' },
      { mid: '1', source: 'camera', width: 320, height: 180 },
    ]);
    await flush();
    await f.participants.view(bob.session, [{ mid: '1', visible: true, width: 80, height: 45 }]);
    await flush();
    const subscriber = f.sfu.rooms.get(room)?.subscribers[0];
    expect(subscriber?.configured).toEqual([[{ mid: '1', send: true, substream: 0 }]]);
  });

  it('forwards a screen share to a viewer it is shown to without naming a layer, as it has none', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    await f.participants.publish(ada.session, offer, [
      { mid: '0', source: 'microphone' },
      { mid: '1', source: 'camera', width: 320, height: 180 },
      { mid: '2', source: 'screen', width: 1280, height: 720 },
    ]);
    await flush();
    await f.participants.view(bob.session, [
      { mid: '1', visible: true, width: 80, height: 45 },
      { mid: '2', visible: true, width: 320, height: 180 },
    ]);
    await flush();
    await f.participants.view(bob.session, [{ mid: '2', visible: false, width: 0, height: 0 }]);
    await flush();
    expect(f.sfu.rooms.get(room)?.subscribers[0]?.configured).toEqual([
      [
        { mid: '1', send: true, substream: 0 },
        { mid: '2', send: true },
      ],
      [{ mid: '2', send: false }],
    ]);
  });

  it('sends someone who joins during a screen share the screen in their first offer', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    await f.participants.publish(ada.session, offer, [...tracks, { mid: '2', source: 'screen' }, { mid: '3', source: 'screen-audio' }]);
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    const first = bob.result.offer;
    expect(first?.streams.map((s) => s.source)).toEqual(['microphone', 'camera', 'screen', 'screen-audio']);
  });

  it('offers viewers a renegotiation without the screen once its sharer publishes without it', async () => {
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    await f.participants.publish(ada.session, offer, [...tracks, { mid: '2', source: 'screen' }]);
    await flush();
    await f.participants.answer(bob.session, 1, { type: 'answer', sdp: 'v=0 answer' });
    await f.participants.publish(ada.session, offer, tracks);
    await flush();
    const offers = f.pusher.to(bob.session.participantId, 'media.offer') as { seq: number; streams: { source: string }[] }[];
    expect(offers.map((o) => o.streams.map((s) => s.source))).toEqual([
      ['microphone', 'camera', 'screen'],
      ['microphone', 'camera'],
    ]);
    expect(f.sfu.rooms.get(room)?.subscribers[0]?.updates.at(-1)?.unsubscribe).toEqual([
      { feedId: f.sfu.rooms.get(room)?.publishers[0]?.feedId ?? -1, mid: '2' },
    ]);
  });

  it('refuses a screen share beyond the room limit and lets a sharer renegotiate', async () => {
    await f.replace({ ROOM_MAX_PARTICIPANTS: '3', ROOM_MAX_SCREEN_SHARES: '1' });
    const withScreen = [...tracks, { mid: '2', source: 'screen' as const }];
    const ada = await f.rooms.join(joinRequest('Ada'), {});
    const bob = await f.rooms.join(joinRequest('Bob'), {});
    await f.participants.publish(ada.session, offer, withScreen);
    await expectAsync(f.participants.publish(bob.session, offer, withScreen)).toBeRejectedWith(
      jasmine.objectContaining({ code: 'media.share_limit' }),
    );
    await expectAsync(f.participants.publish(ada.session, offer, withScreen)).toBeResolved();
    await expectAsync(f.participants.publish(bob.session, offer, tracks)).toBeResolved();
  });
});
