import type { ParticipantId } from '@parley/protocol';
import { chatMessage, systemLine } from '../../testing/chat';
import { chatButtonLabel, countUnread, unreadBadge } from './unread';

const me = 'me' as ParticipantId;

describe('countUnread', () => {
  const messages = [chatMessage(1, 'bob', 'a'), chatMessage(2, 'bob', 'b'), systemLine(3, 'Eve joined'), chatMessage(4, 'me', 'mine'), chatMessage(5, 'eve', 'c')];

  it('counts other people’s messages after the read mark', () => {
    expect(countUnread(messages, 1, me)).toBe(2);
  });

  it('counts nothing when everything is read', () => {
    expect(countUnread(messages, 5, me)).toBe(0);
  });

  it('counts everything from others when nothing was read yet', () => {
    expect(countUnread(messages, null, me)).toBe(3);
  });

  it('skips system lines and our own messages, also those sent under an earlier identity', () => {
    const old = chatMessage(6, 'old-me', 'mine too', { clientId: 'sent-here' });
    expect(countUnread([...messages, old], 3, me, new Set(['sent-here']))).toBe(1);
  });
});

describe('the unread label', () => {
  it('says just "Chat" with nothing unread', () => {
    expect(chatButtonLabel(0)).toBe('Chat');
  });

  it('names the count', () => {
    expect(chatButtonLabel(3)).toBe('Chat, 3 unread');
  });

  it('caps the badge at 99+', () => {
    expect(unreadBadge(7)).toBe('7');
    expect(unreadBadge(120)).toBe('99+');
  });
});
