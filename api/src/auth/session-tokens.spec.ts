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
    const token = await tokens.issue({ participantId, room, role: 'host' });
    expect(await tokens.verify(token, room)).toEqual({ participantId, room, role: 'host' });
  });

  it('refuses a token issued for another room', async () => {
    const tokens = new SessionTokens(key, 60);
    const token = await tokens.issue({ participantId, room, role: 'guest' });
    expect(await codeOf(tokens.verify(token, 'other-room' as RoomId))).toBe('auth.invalid_token');
  });

  it('refuses a token signed with another key', async () => {
    const token = await new SessionTokens(new TextEncoder().encode('x'.repeat(32)), 60).issue({
      participantId,
      room,
      role: 'guest',
    });
    expect(await codeOf(new SessionTokens(key, 60).verify(token, room))).toBe('auth.invalid_token');
  });

  it('refuses garbage', async () => {
    expect(await codeOf(new SessionTokens(key, 60).verify('not.a.jwt', room))).toBe('auth.invalid_token');
  });
});
