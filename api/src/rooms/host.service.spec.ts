import type { RoomId, ValidRequest } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import { loadConfig } from '../config/config';
import { SqliteStore } from '../store/sqlite-store';
import { HostService } from './host.service';
import { ParticipantService } from './participant.service';
import { RoomsService } from './rooms.service';
import { FakeSfu } from './testing/fake-sfu';
import { RecordingPusher } from './testing/recording-pusher';


const room = 'host-room' as RoomId;
const request = (name: string, extra: Partial<ValidRequest<'room.join'>> = {}): ValidRequest<'room.join'> => ({ room, name, ...extra });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { code?: string }).code ?? 'other';
  }
}

describe('HostService and the doors of a room', () => {
  let sfu: FakeSfu;
  let store: SqliteStore;
  let pusher: RecordingPusher;
  let rooms: RoomsService;
  let host: HostService;

  beforeEach(() => {
    sfu = new FakeSfu();
    store = new SqliteStore(':memory:');
    pusher = new RecordingPusher();
    const tokens = new SessionTokens(new Uint8Array(32).fill(3), 60);
    rooms = new RoomsService(sfu, store, loadConfig({ DATA_DIR: '/nonexistent' }), pusher, tokens);
    host = new HostService(rooms, store, pusher, tokens);
  });

  afterEach(async () => {
    await rooms.onApplicationShutdown();
    await store.close();
  });

  it('refuses host actions from a guest with auth.forbidden', async () => {
    const ada = await rooms.join(request('Ada'));
    const bob = await rooms.join(request('Bob'));
    expect(await codeOf(host.settings(bob.session, { locked: true }))).toBe('auth.forbidden');
    expect(await codeOf(host.mute(bob.session, ada.session.participantId))).toBe('auth.forbidden');
    expect(await codeOf(host.remove(bob.session, ada.session.participantId))).toBe('auth.forbidden');
    expect(await codeOf(host.promote(bob.session, bob.session.participantId))).toBe('auth.forbidden');
    expect(await codeOf(host.admit(bob.session, 'any', true))).toBe('auth.forbidden');
  });

  it('refuses newcomers to a locked room and tells everyone the room is locked', async () => {
    const ada = await rooms.join(request('Ada'));
    const settings = await host.settings(ada.session, { locked: true });
    expect(settings).toEqual({ locked: true, lobby: false, hasPassword: false });
    expect(pusher.to(ada.session.participantId, 'room.updated')).toEqual([settings]);
    expect(await codeOf(rooms.join(request('Bob')))).toBe('room.locked');
  });

  it('asks for the password, refuses a wrong one and admits the right one', async () => {
    const ada = await rooms.join(request('Ada'));
    await host.settings(ada.session, { password: 'open sesame' });
    expect(await codeOf(rooms.join(request('Bob')))).toBe('auth.password_required');
    expect(await codeOf(rooms.join(request('Bob', { password: 'open says me' })))).toBe('auth.bad_password');
    expect((await rooms.join(request('Bob', { password: 'open sesame' }))).result.settings.hasPassword).toBeTrue();
  }, 30_000);

  it('refuses a password shorter than six characters with auth.weak_password and keeps the room open', async () => {
    const ada = await rooms.join(request('Ada'));
    expect(await codeOf(host.settings(ada.session, { password: 'abc12' }))).toBe('auth.weak_password');
    expect((await store.getRoom(room))?.passwordHash ?? null).toBeNull();
  });

  it('never stores or returns the password in clear', async () => {
    const ada = await rooms.join(request('Ada'));
    const settings = await host.settings(ada.session, { password: 'open sesame' });
    expect(JSON.stringify(settings)).not.toContain('open sesame');
    expect((await store.getRoom(room))?.passwordHash).toMatch(/^\$argon2id\$/);
  }, 30_000);

  it('makes newcomers knock when the lobby is on, and admits them with a token', async () => {
    const ada = await rooms.join(request('Ada'));
    await host.settings(ada.session, { lobby: true });
    const decisions: { admitted: boolean; admitToken?: string }[] = [];
    expect(await codeOf(rooms.join(request('Bob'), { lobbyDecision: (d) => decisions.push(d) }))).toBe('lobby.waiting');
    const [knock] = pusher.to(ada.session.participantId, 'lobby.knocking') as { requestId: string; name: string }[];
    expect(knock?.name).toBe('Bob');
    await host.admit(ada.session, knock?.requestId ?? '', true);
    expect(decisions[0]?.admitted).toBeTrue();
    const bob = await rooms.join(request('Bob', { admitToken: decisions[0]?.admitToken ?? '' }));
    expect(bob.result.self.name).toBe('Bob');
  });

  it('lets an admit token in once: removed, its holder cannot walk back in with it', async () => {
    const ada = await rooms.join(request('Ada'));
    await host.settings(ada.session, { lobby: true });
    const decisions: { admitted: boolean; admitToken?: string }[] = [];
    await codeOf(rooms.join(request('Bob'), { lobbyDecision: (d) => decisions.push(d) }));
    const [knock] = pusher.to(ada.session.participantId, 'lobby.knocking') as { requestId: string }[];
    await host.admit(ada.session, knock?.requestId ?? '', true);
    const admitToken = decisions[0]?.admitToken ?? '';
    const bob = await rooms.join(request('Bob', { admitToken }));
    await host.remove(ada.session, bob.session.participantId);
    await host.settings(ada.session, { locked: true });
    expect(await codeOf(rooms.join(request('Bob', { admitToken })))).toBe('auth.invalid_token');
  });

  it('shows the lobby to whoever inherits the host role when the host leaves, who can then admit', async () => {
    const ada = await rooms.join(request('Ada'));
    const bob = await rooms.join(request('Bob'));
    await host.settings(ada.session, { lobby: true });
    const decisions: { admitted: boolean; admitToken?: string }[] = [];
    expect(await codeOf(rooms.join(request('Cleo'), { lobbyDecision: (d) => decisions.push(d) }))).toBe('lobby.waiting');
    expect(pusher.to(bob.session.participantId, 'lobby.knocking')).toEqual([]);
    await rooms.leave(ada.session, 'left');
    const knocks = pusher.to(bob.session.participantId, 'lobby.knocking') as { requestId: string; name: string }[];
    expect(knocks.map((k) => k.name)).toEqual(['Cleo']);
    await host.admit(bob.session, knocks[0]?.requestId ?? '', true);
    expect(decisions[0]?.admitted).toBeTrue();
  });

  it('tells a denied knocker and refuses to decide twice', async () => {
    const ada = await rooms.join(request('Ada'));
    await host.settings(ada.session, { lobby: true });
    const decisions: { admitted: boolean }[] = [];
    await codeOf(rooms.join(request('Bob'), { lobbyDecision: (d) => decisions.push(d) }));
    const [knock] = pusher.to(ada.session.participantId, 'lobby.knocking') as { requestId: string }[];
    await host.admit(ada.session, knock?.requestId ?? '', false);
    expect(decisions).toEqual([{ admitted: false }]);
    expect(await codeOf(host.admit(ada.session, knock?.requestId ?? '', true))).toBe('validation.failed');
  });

  it('mutes a participant in the SFU and lets them unmute themselves', async () => {
    const ada = await rooms.join(request('Ada'));
    const bob = await rooms.join(request('Bob'));
    await new ParticipantService(rooms).publish(bob.session, { type: 'offer', sdp: 'v=0' }, [{ mid: '0', source: 'microphone' }]);
    await host.mute(ada.session, bob.session.participantId);
    const sfuRoom = sfu.rooms.get(room);
    expect(sfuRoom?.moderated).toEqual([{ feedId: jasmine.anything(), mid: '0', muted: true }]);
    expect(pusher.to(bob.session.participantId, 'session.muted')).toEqual([{ by: 'Ada' }]);
    await new ParticipantService(rooms).update(bob.session, { audioMuted: false });
    expect(sfuRoom?.moderated.at(-1)?.muted).toBeFalse();
  });

  it('removes a participant, ends their session and revokes their token', async () => {
    const ada = await rooms.join(request('Ada'));
    const bob = await rooms.join(request('Bob'));
    await host.remove(ada.session, bob.session.participantId);
    expect(pusher.to(bob.session.participantId, 'session.ended')).toEqual([{ reason: 'removed' }]);
    expect(pusher.disconnected).toEqual([bob.session.participantId]);
    expect(pusher.to(ada.session.participantId, 'participant.left')).toEqual([
      { participantId: bob.session.participantId, reason: 'removed' },
    ]);
    expect(await codeOf(rooms.join(request('Bob', { resumeToken: bob.result.token })))).toBe('auth.invalid_token');
  });

  it('promotes a participant to host', async () => {
    const ada = await rooms.join(request('Ada'));
    const bob = await rooms.join(request('Bob'));
    await host.promote(ada.session, bob.session.participantId);
    expect(await codeOf(host.settings(bob.session, { locked: true }))).toBe('resolved');
  });

  it('lets someone still held in the room come back past the lock with their token', async () => {
    const ada = await rooms.join(request('Ada'));
    const bob = await rooms.join(request('Bob'));
    await host.settings(ada.session, { locked: true });
    await rooms.suspend(bob.session);
    expect(await codeOf(rooms.join(request('Bob', { resumeToken: bob.result.token })))).toBe('resolved');
  });

  it('keeps out, past the lock, someone whose grace ran out: the token ended with the membership', async () => {
    const ada = await rooms.join(request('Ada'));
    const bob = await rooms.join(request('Bob'));
    await host.settings(ada.session, { locked: true });
    await rooms.leave(bob.session, 'disconnected');
    expect(await codeOf(rooms.join(request('Bob', { resumeToken: bob.result.token })))).toBe('auth.invalid_token');
    expect(await codeOf(rooms.join(request('Bob')))).toBe('room.locked');
  });

  it('keeps out, past the lock, a host who left on purpose, and gives the role to whoever holds it now', async () => {
    const ada = await rooms.join(request('Ada'));
    const bob = await rooms.join(request('Bob'));
    await rooms.leave(ada.session, 'left');
    await host.settings(bob.session, { locked: true });
    expect(await codeOf(rooms.join(request('Ada', { resumeToken: ada.result.token })))).toBe('auth.invalid_token');
    expect(await codeOf(rooms.join(request('Ada')))).toBe('room.locked');
  });
});
