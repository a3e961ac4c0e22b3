import { TestBed } from '@angular/core/testing';
import { chatClientIdSchema, type ChatMessage, type ParticipantId } from '@parley/protocol';
import { deferred, settle, type Deferred } from '../../testing/async';
import { FakeSocket } from '../../testing/fake-socket';
import { SignalingClient } from '../core/signaling/signaling-client';
import { SOCKET_FACTORY } from '../core/signaling/socket-factory';
import { ChatOutbox, newClientId } from './chat-outbox';
import { ChatStore } from './chat-store';

interface Send {
  readonly clientId: string;
  readonly text: string;
}

describe('ChatOutbox', () => {
  let socket: FakeSocket;
  let outbox: ChatOutbox;
  let store: ChatStore;
  /** The gateway's pending answers to chat.send, in order. */
  let answers: Deferred<unknown>[];

  const sends = (): Send[] => socket.sent.filter((r) => r.event === 'chat.send').map((r) => r.payload as Send);
  const stored = (send: Send, id: number): ChatMessage => ({
    id,
    kind: 'user',
    clientId: send.clientId,
    senderId: 'me' as ParticipantId,
    senderName: 'Me',
    text: send.text,
    ts: 1,
  });
  const answer = async (index: number, reply: unknown): Promise<void> => {
    answers[index]?.resolve(reply);
    await settle();
  };

  beforeEach(() => {
    answers = [];
    TestBed.configureTestingModule({
      providers: [
        SignalingClient,
        ChatStore,
        ChatOutbox,
        {
          provide: SOCKET_FACTORY,
          useValue: (url: string | undefined, options: object) => {
            socket = new FakeSocket(url, options);
            socket.reply = () => {
              const answer = deferred<unknown>();
              answers.push(answer);
              return answer.promise;
            };
            return socket.asSocket();
          },
        },
      ],
    });
    TestBed.inject(SignalingClient).open();
    outbox = TestBed.inject(ChatOutbox);
    store = TestBed.inject(ChatStore);
  });

  it('gives every message a fresh clientId the gateway accepts', () => {
    const ids = new Set(Array.from({ length: 20 }, () => newClientId()));
    expect(ids.size).toBe(20);
    for (const id of ids) expect(chatClientIdSchema.safeParse(id).success).withContext(id).toBeTrue();
  });

  it('shows a message as pending, sends it once, and replaces it with the stored one from the ack', async () => {
    outbox.joined();
    outbox.submit('  hello  ');
    expect(store.pending().map((p) => p.text)).toEqual(['hello']);
    expect(sends().length).toBe(1);
    await answer(0, { ok: true, data: stored(sends()[0]!, 41) });
    expect(store.pending()).toEqual([]);
    expect(store.messages().map((m) => m.id)).toEqual([41]);
    outbox.joined();
    await settle();
    expect(sends().length).toBe(1);
  });

  it('holds a message typed while offline and sends it once after joining again', async () => {
    outbox.submit('typed offline');
    expect(sends()).toEqual([]);
    expect(store.pending().length).toBe(1);
    outbox.joined();
    expect(sends().length).toBe(1);
    await answer(0, { ok: true, data: stored(sends()[0]!, 7) });
    expect(store.messages().length).toBe(1);
  });

  it('retries after a reconnect with the same clientId when the first attempt got no answer', async () => {
    outbox.joined();
    outbox.submit('are you there?');
    outbox.offline();
    answers[0]?.reject(new Error('operation has timed out'));
    await settle();
    expect(store.pending().length).withContext('still shown as sending').toBe(1);
    expect(sends().length).toBe(1);
    outbox.joined();
    expect(sends().length).toBe(2);
    expect(sends()[1]?.clientId).toBe(sends()[0]!.clientId);
    await answer(1, { ok: true, data: stored(sends()[1]!, 9) });
    expect(store.messages().map((m) => m.id)).toEqual([9]);
    expect(store.pending()).toEqual([]);
  });

  it('retries at once when a rejoin happened while the failed attempt was out', async () => {
    outbox.joined();
    outbox.submit('during the blip');
    outbox.offline();
    outbox.joined(); // The attempt is still out; nothing is sent twice in parallel.
    expect(sends().length).toBe(1);
    await answer(0, { ok: false, error: { code: 'session.not_joined', message: 'not joined' } });
    expect(sends().length).toBe(2);
    expect(sends()[1]?.clientId).toBe(sends()[0]!.clientId);
  });

  it('sends queued messages one at a time, in the order typed', async () => {
    outbox.submit('first');
    outbox.submit('second');
    outbox.joined();
    expect(sends().map((s) => s.text)).toEqual(['first']);
    await answer(0, { ok: true, data: stored(sends()[0]!, 1) });
    expect(sends().map((s) => s.text)).toEqual(['first', 'second']);
  });

  it('gives a too-long message back with the reason, and drops it from the list', async () => {
    outbox.joined();
    outbox.submit('long text');
    await answer(0, { ok: false, error: { code: 'chat.too_long', message: 'too long' } });
    expect(store.pending()).toEqual([]);
    expect(outbox.rejection()?.text).toBe('long text');
    expect(outbox.rejection()?.code).toBe('chat.too_long');
    expect(outbox.rejection()?.message).toContain('limit is 2000');
  });

  it('explains a rate limit and carries on with the next message', async () => {
    outbox.joined();
    outbox.submit('one');
    outbox.submit('two');
    await answer(0, { ok: false, error: { code: 'rate_limited', message: 'slow down' } });
    expect(outbox.rejection()?.message).toContain('too fast');
    expect(sends().map((s) => s.text)).toEqual(['one', 'two']);
  });

  it('sends nothing for a blank message', () => {
    outbox.joined();
    expect(outbox.submit(' \n ')).toBeNull();
    expect(sends()).toEqual([]);
  });
});
