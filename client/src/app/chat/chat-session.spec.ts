import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ChatPage, JoinResult, RoomId } from '@parley/protocol';
import { Subject } from 'rxjs';
import { settle } from '../../testing/async';
import { chatMessage, systemLine } from '../../testing/chat';
import { FakeSocket } from '../../testing/fake-socket';
import { participant } from '../../testing/participants';
import { SignalingClient } from '../core/signaling/signaling-client';
import { SOCKET_FACTORY } from '../core/signaling/socket-factory';
import type { CallPhase } from '../core/call/call-phase';
import { CallSession } from '../core/call/call-session';
import { ParticipantsStore } from '../core/call/participants-store';
import { ChatOutbox } from './chat-outbox';
import { ChatSession } from './chat-session';
import { ChatStore } from './chat-store';

describe('ChatSession', () => {
  let socket: FakeSocket;
  let joins: Subject<JoinResult>;
  let chat: ChatSession;
  let store: ChatStore;
  /** Older pages, served to `chat.history` with `before`, in order. */
  let historyPages: ChatPage[];
  /** What `chat.history` without `before` (the latest page) returns. */
  let latestPage: ChatPage;

  const me = participant('me', 'Ada');
  // One assertion, so fields the protocol adds to JoinResult (and chat does not read) do not break this spec.
  const joinResult = (page: ChatPage, meeting = 'meeting-1'): JoinResult => {
    const result: Partial<JoinResult> = {
      room: 'abcde' as RoomId,
      self: me,
      participants: [],
      token: 't',
      iceServers: [],
      meeting: { id: meeting, startedAt: 0 },
      chat: page,
    };
    return result as JoinResult;
  };
  const requests = (event: string) => socket.sent.filter((r) => r.event === event).map((r) => r.payload);
  const olderPageRequests = () => requests('chat.history').filter((p) => (p as { before?: number }).before !== undefined);
  const ids = () => store.messages().map((m) => m.id);

  beforeEach(() => {
    joins = new Subject<JoinResult>();
    historyPages = [];
    latestPage = { messages: [], hasMore: false };
    TestBed.configureTestingModule({
      providers: [
        SignalingClient,
        ParticipantsStore,
        ChatStore,
        ChatOutbox,
        ChatSession,
        { provide: CallSession, useValue: { joins$: joins, phase: signal<CallPhase>({ kind: 'joined' }), name: signal('Ada') } },
        {
          provide: SOCKET_FACTORY,
          useValue: (url: string | undefined, options: object) => {
            socket = new FakeSocket(url, options);
            socket.reply = (event, payload) => {
              if (event === 'chat.history') {
                const page = (payload as { before?: number }).before === undefined ? latestPage : historyPages.shift();
                return Promise.resolve({ ok: true, data: page ?? { messages: [], hasMore: false } });
              }
              if (event === 'chat.send') {
                const { clientId, text } = payload as { clientId: string; text: string };
                return Promise.resolve({ ok: true, data: chatMessage(500, 'me', text, { clientId }) });
              }
              return Promise.resolve({ ok: true, data: {} });
            };
            return socket.asSocket();
          },
        },
      ],
    });
    TestBed.inject(SignalingClient).open();
    socket.fire('connect');
    TestBed.inject(ParticipantsStore).dispatch({ type: 'snapshot', self: me, others: [] });
    chat = TestBed.inject(ChatSession);
    store = TestBed.inject(ChatStore);
  });

  it('starts from the join page and adds pushed messages once each', () => {
    joins.next(joinResult({ messages: [chatMessage(1, 'bob', 'hi')], hasMore: false }));
    socket.fire('chat.message', chatMessage(2, 'bob', 'again'));
    socket.fire('chat.message', chatMessage(2, 'bob', 'again'));
    expect(ids()).toEqual([1, 2]);
  });

  it('merges a rejoin page with what is shown', async () => {
    joins.next(joinResult({ messages: [chatMessage(1, 'bob', 'a'), chatMessage(2, 'bob', 'b')], hasMore: false }));
    joins.next(joinResult({ messages: [chatMessage(2, 'bob', 'b'), chatMessage(3, 'eve', 'c')], hasMore: true }));
    await settle();
    expect(ids()).toEqual([1, 2, 3]);
    expect(olderPageRequests()).toEqual([]);
  });

  it('fetches what was missed while away when the rejoin page does not reach back far enough', async () => {
    joins.next(joinResult({ messages: [chatMessage(1, 'bob', 'a')], hasMore: false }));
    historyPages = [{ messages: [chatMessage(1, 'bob', 'a'), chatMessage(2, 'bob', 'missed')], hasMore: false }];
    joins.next(joinResult({ messages: [chatMessage(3, 'bob', 'latest')], hasMore: true }));
    await settle();
    expect(olderPageRequests()).toEqual([{ before: 3, limit: 50 }]);
    expect(ids()).toEqual([1, 2, 3]);
    expect(chat.hasMore()).toBeFalse();
  });

  it('asks for the latest page once joined, catching a message stored while the join was answered', async () => {
    latestPage = { messages: [chatMessage(1, 'bob', 'a'), chatMessage(2, 'bob', 'sent meanwhile')], hasMore: false };
    joins.next(joinResult({ messages: [chatMessage(1, 'bob', 'a')], hasMore: false }));
    await settle();
    expect(requests('chat.history')).toEqual([{ limit: 50 }]);
    expect(ids()).toEqual([1, 2]);
    expect(chat.unread()).withContext('it is news to us').toBe(1);
  });

  it('sends a message typed while away once the call has joined again', async () => {
    joins.next(joinResult({ messages: [], hasMore: false }));
    TestBed.inject(ChatOutbox).offline();
    chat.send('typed offline');
    expect(requests('chat.send')).toEqual([]);
    joins.next(joinResult({ messages: [], hasMore: false }));
    await settle();
    expect(requests('chat.send').length).toBe(1);
    expect(store.pending()).toEqual([]);
  });

  it('counts only messages that came after joining as unread, until they are read', () => {
    joins.next(joinResult({ messages: [chatMessage(1, 'bob', 'old'), chatMessage(2, 'bob', 'older news')], hasMore: false }));
    expect(chat.unread()).toBe(0);
    socket.fire('chat.message', chatMessage(3, 'bob', 'new'));
    socket.fire('chat.message', systemLine(4, 'Eve joined'));
    expect(chat.unread()).toBe(1);
    chat.markRead(store.newestId());
    expect(chat.unread()).toBe(0);
  });

  it('announces new messages of others and system lines, not history', () => {
    joins.next(joinResult({ messages: [chatMessage(1, 'bob', 'old')], hasMore: false }));
    socket.fire('chat.message', chatMessage(2, 'bob', 'hello'));
    socket.fire('chat.message', systemLine(3, 'Eve joined'));
    socket.fire('chat.message', chatMessage(2, 'bob', 'hello'));
    expect(chat.announcements().map((a) => a.text)).toEqual(['bob: hello', 'Eve joined']);
  });

  it('loads the page before the oldest message shown', async () => {
    joins.next(joinResult({ messages: [chatMessage(10, 'bob', 'x')], hasMore: true }));
    historyPages = [{ messages: [chatMessage(4, 'bob', 'earlier')], hasMore: false }];
    await chat.loadEarlier();
    expect(olderPageRequests()).toEqual([{ before: 10, limit: 50 }]);
    expect(ids()).toEqual([4, 10]);
    expect(chat.hasMore()).toBeFalse();
  });
  it('starts over when a rejoin lands in a new meeting of the room, fetching nothing of the old one', async () => {
    joins.next(joinResult({ messages: [chatMessage(1, 'bob', 'old meeting')], hasMore: false }));
    await settle();
    joins.next(joinResult({ messages: [chatMessage(7, 'zed', 'new meeting')], hasMore: true }, 'meeting-2'));
    await settle();
    expect(ids()).toEqual([7]);
    expect(olderPageRequests()).toEqual([]);
    expect(store.meeting()?.id).toBe('meeting-2');
  });

  it('puts the whole meeting, older pages fetched, in order in the downloaded Markdown', async () => {
    joins.next(joinResult({ messages: [chatMessage(10, 'bob', 'second *point*')], hasMore: true }));
    historyPages = [{ messages: [chatMessage(4, 'bob', 'first point')], hasMore: false }];
    const file = await chat.transcript();
    expect(file?.name).toMatch(/^parley-chat-abcde-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.md$/);
    const text = file?.text ?? '';
    expect(text).toContain('# Chat of the meeting in room abcde');
    expect(text).toContain('2 messages');
    expect(text.indexOf('first point')).toBeLessThan(text.indexOf('second \\*point\\*'));
    expect(olderPageRequests()).toEqual([{ before: 10, limit: 50 }]);
  });
});
