import type { ParticipantId, RoomId } from '@parley/protocol';
import { DomainError } from '../errors';
import { SessionTokens } from './session-tokens';

const key = new TextEncoder().encode('k'.repeat(32));
const room = 'abcd-efgh-jkmn' as RoomId;
const participantId = 'p-1' as ParticipantId;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
}

describe('SessionTokens', () => {
  it('verifies a token it issued and returns its claims', async () => {
    const tokens = new SessionTokens(key, 60);
    const token = await tokens.issue({ participantId, room, meeting: 'm-1', role: 'host' });
    expect(await tokens.verify(token, room)).toEqual({ participantId, room, meeting: 'm-1', role: 'host' });
  });

  it('refuses a token issued for another room', async () => {
    const tokens = new SessionTokens(key, 60);
    const token = await tokens.issue({ participantId, room, meeting: 'm-1', role: 'guest' });
    expect(await codeOf(tokens.verify(token, 'other-room' as RoomId))).toBe('auth.invalid_token');
  });

  it('refuses a token signed with another key', async () => {
    const token = await new SessionTokens(new TextEncoder().encode('x'.repeat(32)), 60).issue({
      participantId,
      room,
      meeting: 'm-1',
      role: 'guest',
    });
    expect(await codeOf(new SessionTokens(key, 60).verify(token, room))).toBe('auth.invalid_token');
  });

  it('refuses garbage', async () => {
    expect(await codeOf(new SessionTokens(key, 60).verify('not.a.jwt', room))).toBe('auth.invalid_token');
  });

  it('refuses an admit token where a session token is due, and the reverse', async () => {
    const tokens = new SessionTokens(key, 60);
    const admit = await tokens.issueAdmit({ room, meeting: 'm-1', requestId: 'req-1', name: 'Ada' });
    const session = await tokens.issue({ participantId, room, meeting: 'm-1', role: 'guest' });
    expect(await codeOf(tokens.verify(admit, room))).toBe('auth.invalid_token');
    expect(await codeOf(tokens.verifyAdmit(session, room))).toBe('auth.invalid_token');
    expect(await tokens.verifyAdmit(admit, room)).toEqual({ room, meeting: 'm-1', requestId: 'req-1', name: 'Ada' });
  });

  it('refuses an expired token', async () => {
    const tokens = new SessionTokens(key, 60);
    const token = await tokens.issue({ participantId, room, meeting: 'm-1', role: 'guest' });
    jasmine.clock().install();
    try {
      jasmine.clock().mockDate(new Date(Date.now() + 61_000));
      expect(await codeOf(tokens.verify(token, room))).toBe('auth.invalid_token');
    } finally {
      jasmine.clock().uninstall();
    }
  });
});
