import { chatMessage } from '../../testing/chat';
import { EMPTY_CHAT, foldChat, type ChatEvent, type ChatState, type PendingMessage } from './chat-store';

const fold = (...events: ChatEvent[]): ChatState => events.reduce(foldChat, EMPTY_CHAT);
const ids = (state: ChatState): number[] => state.messages.map((m) => m.id);
const pending = (clientId: string, text = 'typed'): PendingMessage => ({ clientId, text, createdAt: 0 });

describe('foldChat', () => {
  const m1 = chatMessage(1, 'ada', 'one');
  const m2 = chatMessage(2, 'bob', 'two');
  const m3 = chatMessage(3, 'ada', 'three');
  const m4 = chatMessage(4, 'bob', 'four');

  it('starts from the join page and its hasMore', () => {
    const state = fold({ type: 'page', page: { messages: [m2, m3], hasMore: true } });
    expect(ids(state)).toEqual([2, 3]);
    expect(state.hasMore).toBeTrue();
  });

  it('appends pushes in id order even when they arrive out of order', () => {
    const state = fold({ type: 'received', message: m3 }, { type: 'received', message: m1 }, { type: 'received', message: m2 });
    expect(ids(state)).toEqual([1, 2, 3]);
  });

  it('shows a message pushed twice once', () => {
    const state = fold({ type: 'received', message: m1 }, { type: 'received', message: m1 });
    expect(ids(state)).toEqual([1]);
  });

  it('merges a rejoin page with what is shown, without duplicates', () => {
    const state = fold(
      { type: 'page', page: { messages: [m1, m2], hasMore: false } },
      { type: 'received', message: m3 },
      { type: 'page', page: { messages: [m2, m3, m4], hasMore: true } },
    );
    expect(ids(state)).toEqual([1, 2, 3, 4]);
  });

  it('keeps hasMore of the side holding the oldest message when a rejoin page is newer', () => {
    const earlier = fold({ type: 'page', page: { messages: [m1, m2], hasMore: false } });
    const rejoined = foldChat(earlier, { type: 'page', page: { messages: [m3, m4], hasMore: true } });
    expect(rejoined.hasMore).toBeFalse();
  });

  it('puts an older history page in front and takes its hasMore', () => {
    const latest = fold({ type: 'page', page: { messages: [m3, m4], hasMore: true } });
    const older = foldChat(latest, { type: 'page', page: { messages: [m1, m2], hasMore: false } });
    expect(ids(older)).toEqual([1, 2, 3, 4]);
    expect(older.hasMore).toBeFalse();
  });

  it('shows a queued message as pending after the stored ones', () => {
    const state = fold({ type: 'page', page: { messages: [m1], hasMore: false } }, { type: 'queued', pending: pending('c-1') });
    expect(ids(state)).toEqual([1]);
    expect(state.pending.map((p) => p.clientId)).toEqual(['c-1']);
  });

  it('replaces the pending message with the stored one from the ack, matched by clientId', () => {
    const stored = chatMessage(7, 'me', 'typed', { clientId: 'c-1' });
    const state = fold({ type: 'queued', pending: pending('c-1') }, { type: 'acked', message: stored });
    expect(state.pending).toEqual([]);
    expect(ids(state)).toEqual([7]);
  });

  it('settles a pending message found in a rejoin page (its ack was lost) and ignores the late ack', () => {
    const stored = chatMessage(7, 'me', 'typed', { clientId: 'c-1' });
    const state = fold(
      { type: 'queued', pending: pending('c-1') },
      { type: 'page', page: { messages: [stored], hasMore: false } },
      { type: 'acked', message: stored },
    );
    expect(state.pending).toEqual([]);
    expect(ids(state)).toEqual([7]);
  });

  it('does not queue a clientId twice, nor one already stored', () => {
    const stored = chatMessage(7, 'me', 'typed', { clientId: 'c-2' });
    const state = fold(
      { type: 'queued', pending: pending('c-1') },
      { type: 'queued', pending: pending('c-1') },
      { type: 'acked', message: stored },
      { type: 'queued', pending: pending('c-2') },
    );
    expect(state.pending.map((p) => p.clientId)).toEqual(['c-1']);
  });

  it('drops a rejected pending message', () => {
    const state = fold({ type: 'queued', pending: pending('c-1') }, { type: 'rejected', clientId: 'c-1' });
    expect(state.pending).toEqual([]);
  });
});
