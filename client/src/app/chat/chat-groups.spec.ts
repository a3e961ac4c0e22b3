import type { ParticipantId } from '@parley/protocol';
import { chatMessage, systemLine } from '../../testing/chat';
import { GROUP_WINDOW_MS, groupChat, type ChatGroup, type ChatSelf } from './chat-groups';

const self: ChatSelf = { id: 'me' as ParticipantId, name: 'Me', clientIds: new Set() };
const shape = (groups: ChatGroup[]) =>
  groups.map((g) => (g.kind === 'system' ? `system:${g.text}` : `${g.own ? 'own' : g.senderName}:${g.lines.map((l) => l.text).join('|')}`));

describe('groupChat', () => {
  it('groups consecutive messages of one sender', () => {
    const groups = groupChat([chatMessage(1, 'bob', 'a'), chatMessage(2, 'bob', 'b'), chatMessage(3, 'eve', 'c')], [], self);
    expect(shape(groups)).toEqual(['bob:a|b', 'eve:c']);
  });

  it('starts a new group after a pause longer than the window', () => {
    const first = chatMessage(1, 'bob', 'a');
    const late = chatMessage(2, 'bob', 'b', { ts: first.ts + GROUP_WINDOW_MS + 1 });
    expect(shape(groupChat([first, late], [], self))).toEqual(['bob:a', 'bob:b']);
  });

  it('lets a system line end a group', () => {
    const groups = groupChat([chatMessage(1, 'bob', 'a'), systemLine(2, 'Eve joined'), chatMessage(3, 'bob', 'b')], [], self);
    expect(shape(groups)).toEqual(['bob:a', 'system:Eve joined', 'bob:b']);
  });

  it('marks our own messages, by participant id or by a clientId this tab sent', () => {
    const byId = chatMessage(1, 'me', 'mine');
    const byClientId = chatMessage(2, 'old-me', 'also mine', { clientId: 'sent-here' });
    const groups = groupChat([chatMessage(0, 'bob', 'hi'), byId, byClientId], [], { ...self, clientIds: new Set(['sent-here']) });
    expect(shape(groups)).toEqual(['bob:hi', 'own:mine|also mine']);
  });

  it('shows pending messages last, as sending, grouped with our stored ones', () => {
    const groups = groupChat([chatMessage(1, 'me', 'sent')], [{ clientId: 'c-1', text: 'on its way', createdAt: chatMessage(1, 'me', '').ts }], self);
    expect(shape(groups)).toEqual(['own:sent|on its way']);
    const lines = groups[0]?.kind === 'user' ? groups[0].lines : [];
    expect(lines.map((l) => l.sending)).toEqual([false, true]);
  });

  it('keeps a line key across the pending → stored swap, so the element is reused', () => {
    const before = groupChat([], [{ clientId: 'c-1', text: 'x', createdAt: 0 }], self);
    const after = groupChat([chatMessage(5, 'me', 'x', { clientId: 'c-1' })], [], self);
    const key = (groups: ChatGroup[]) => (groups[0]?.kind === 'user' ? groups[0].lines[0]?.key : undefined);
    expect(key(after)).toBe(key(before));
  });
});
