import { TestBed } from '@angular/core/testing';
import { FakeGateway, TEST_ROOM, joinResult, refusal } from '../../../testing/fake-gateway';
import { until } from '../../../testing/async';
import { participant } from '../../../testing/participants';
import { SignalingClient } from '../signaling/signaling-client';
import { LocalMedia } from '../webrtc/local-media';
import { CALL_PROVIDERS, CallSession } from './call-session';
import { ParticipantsStore } from './participants-store';
import { JoinAccess } from './join-access';

/** CallSession at a room's doors: password, lobby wait and decision, token refresh, removal. */
describe('CallSession access', () => {
  let gateway: FakeGateway;
  let session: CallSession;
  let access: JoinAccess;
  /** What `room.join` answers, in order; the last one repeats. */
  let joinReplies: unknown[];

  const joins = () => gateway.sent('room.join').map((request) => request.payload);

  beforeEach(() => {
    gateway = new FakeGateway();
    joinReplies = [{ ok: true, data: joinResult() }];
    gateway.handlers = {
      'room.join': () => (joinReplies.length > 1 ? joinReplies.shift() : joinReplies[0]),
      'media.publish': () => ({ ok: true, data: { answer: { type: 'answer', sdp: 'janus-answer' } } }),
      'participant.update': (payload) => ({ ok: true, data: { ...participant('me', 'Ada'), ...(payload as object) } }),
    };
    TestBed.configureTestingModule({
      providers: [SignalingClient, LocalMedia, ParticipantsStore, ...CALL_PROVIDERS, JoinAccess, ...gateway.providers()],
    });
    session = TestBed.inject(CallSession);
    access = TestBed.inject(JoinAccess);
  });

  afterEach(() => session.close());

  it('asks for a password when the room needs one, then joins with what was typed', async () => {
    joinReplies = [refusal('auth.password_required'), { ok: true, data: joinResult() }];
    await session.join(TEST_ROOM, 'Ada');
    expect(access.passwordAsked()).toBeTrue();
    expect(session.phase()).toEqual(jasmine.objectContaining({ kind: 'failed', message: 'This meeting needs a password.' }));

    access.setPassword('open sesame');
    await session.join(TEST_ROOM, 'Ada');
    expect(joins()).toEqual([
      { room: TEST_ROOM, name: 'Ada' },
      { room: TEST_ROOM, name: 'Ada', password: 'open sesame' },
    ]);
    expect(session.phase().kind).toBe('joined');
  });

  it('says a wrong password is wrong and lets the person try again', async () => {
    joinReplies = [refusal('auth.password_required'), refusal('auth.bad_password'), { ok: true, data: joinResult() }];
    await session.join(TEST_ROOM, 'Ada');
    access.setPassword('guess');
    await session.join(TEST_ROOM, 'Ada');
    expect(access.passwordWrong()).toBeTrue();
    expect(session.phase()).toEqual(jasmine.objectContaining({ kind: 'failed', message: 'That password is wrong.' }));

    access.setPassword('right');
    await session.join(TEST_ROOM, 'Ada');
    expect(session.phase().kind).toBe('joined');
    expect(access.passwordWrong()).toBeFalse();
  });

  it('says to wait when password guesses are rate-limited, keeping the field', async () => {
    joinReplies = [refusal('auth.password_required'), refusal('rate_limited')];
    await session.join(TEST_ROOM, 'Ada');
    access.setPassword('guess');
    await session.join(TEST_ROOM, 'Ada');
    expect(access.passwordAsked()).toBeTrue();
    expect(session.phase()).toEqual(jasmine.objectContaining({ kind: 'failed', message: jasmine.stringMatching(/Wait a moment/) }));
  });

  it('explains a locked room', async () => {
    joinReplies = [refusal('room.locked')];
    await session.join(TEST_ROOM, 'Ada');
    expect(session.phase()).toEqual(jasmine.objectContaining({ kind: 'failed', message: jasmine.stringMatching(/^This room is locked/) }));
    expect(session.inCall()).toBeFalse();
  });

  it('waits in the lobby on lobby.waiting, keeping the socket open for the decision', async () => {
    joinReplies = [refusal('lobby.waiting')];
    await session.join(TEST_ROOM, 'Ada');
    expect(session.phase()).toEqual({ kind: 'waiting' });
    expect(session.inCall()).toBeFalse();
    expect(gateway.socket.disconnectCalls).toBe(0);
  });

  it('joins with the admit token once a host lets it in, and spends the token', async () => {
    joinReplies = [refusal('lobby.waiting'), { ok: true, data: joinResult() }];
    await session.join(TEST_ROOM, 'Ada');
    gateway.push('lobby.decision', { admitted: true, admitToken: 'admit-1' });
    await until(() => session.phase().kind === 'joined');
    expect(joins()[1]).toEqual({ room: TEST_ROOM, name: 'Ada', admitToken: 'admit-1' });
    expect(access.credentials()).toEqual({});
  });

  it('says "The host did not let you in" when denied, and closes the socket', async () => {
    joinReplies = [refusal('lobby.waiting')];
    await session.join(TEST_ROOM, 'Ada');
    const socket = gateway.socket;
    gateway.push('lobby.decision', { admitted: false });
    expect(session.phase()).toEqual({ kind: 'failed', message: 'The host did not let you in.' });
    expect(socket.disconnectCalls).toBe(1);
    expect(joins().length).toBe(1);
  });

  it('stops waiting on Cancel: back to the lobby, socket closed (which withdraws the knock)', async () => {
    joinReplies = [refusal('lobby.waiting')];
    await session.join(TEST_ROOM, 'Ada');
    const socket = gateway.socket;
    session.cancelWaiting();
    expect(session.phase()).toEqual({ kind: 'idle' });
    expect(socket.disconnectCalls).toBe(1);
    // A decision that still arrives is ignored.
    socket.fire('lobby.decision', { admitted: true, admitToken: 'late' });
    expect(joins().length).toBe(1);
  });

  it('knocks again when the socket comes back while waiting', async () => {
    joinReplies = [refusal('lobby.waiting')];
    await session.join(TEST_ROOM, 'Ada');
    gateway.socket.fire('connect');
    gateway.socket.fire('disconnect', 'transport close');
    gateway.socket.fire('connect');
    await until(() => joins().length === 2);
    expect(joins()[1]).toEqual({ room: TEST_ROOM, name: 'Ada' });
    expect(session.phase()).toEqual({ kind: 'waiting' });
  });

  it('resumes with the newest token from session.token, not the one from the join', async () => {
    await session.join(TEST_ROOM, 'Ada');
    await until(() => gateway.sent('participant.update').length > 0);
    gateway.push('session.token', { token: 'token-2' });
    gateway.push('session.token', { token: 'token-3' });
    gateway.socket.fire('connect');
    gateway.socket.fire('disconnect', 'transport close');
    gateway.socket.fire('connect');
    await until(() => joins().length === 2);
    expect(joins()[1]).toEqual({ room: TEST_ROOM, name: 'Ada', resumeToken: 'token-3' });
  });

  it('never resumes after being removed: the session and its token are gone', async () => {
    await session.join(TEST_ROOM, 'Ada');
    const socket = gateway.socket;
    socket.fire('session.ended', { reason: 'removed' });
    expect(session.phase()).toEqual({ kind: 'ended', reason: 'removed' });
    expect(socket.disconnectCalls).toBe(1);
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(joins().length).toBe(1);
    expect(gateway.sockets.length).toBe(1);
  });
});
