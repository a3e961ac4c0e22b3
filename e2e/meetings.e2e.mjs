// e2e-load: call
// A meeting owns its chat and its settings. Eve talks in room R and leaves;
// once R has been empty past its grace, Zed opens the same link and finds a
// new meeting: no chat of Eve's (not in the call view, the join reply or
// chat.history), default settings, and tokens from the old meeting open
// nothing. And anyone in a meeting can download its whole chat as Markdown.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRoomId } from '@parley/protocol';
import { chatTexts, joinRoom, openChat, sendChat, waitForMessage } from './support/chat.mjs';
import { NOTHING_OPEN, backTo } from './support/metrics.mjs';
import { connectSocket, request } from './support/sockets.mjs';
import { launchChromium, openedParticipants, startParley, waitFor } from './support/stack.mjs';

const codes = (replies) => replies.map((reply) => (reply.ok ? 'ok' : reply.error.code));

describe('Meetings', () => {
  let parley;
  let browser;
  let sockets = [];
  const people = openedParticipants(() => browser);
  const person = () => people.open();

  beforeAll(async () => {
    // A short grace so a meeting ends within the test; chat fast enough to fill two history pages.
    parley = await startParley({ RESUME_GRACE_SECONDS: '2', CHAT_RATE_PER_SECOND: '100' });
    browser = await launchChromium();
  }, 60_000);

  afterEach(async () => {
    for (const socket of sockets) socket.close();
    sockets = [];
    await people.closeAll();
    // Every meeting of the spec ends, leaving nothing behind.
    await backTo(parley, NOTHING_OPEN);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  async function joined(room, name, extra = {}) {
    const socket = await connectSocket(parley.url);
    sockets.push(socket);
    const reply = await request(socket, 'room.join', { room, name, ...extra });
    expect(reply.ok).withContext(`${name} joins: ${JSON.stringify(reply.error)}`).toBeTrue();
    return { socket, result: reply.data };
  }

  it('starts a new meeting in an emptied room: no earlier chat, default settings, and the old tokens open nothing', async () => {
    const room = newRoomId();
    const secret = 'quarterly figures: 4.2 M, do not share yet';

    // Meeting one: Eve in her browser, Hal (over raw Socket.IO) turns the lobby on and sets a password, Kim knocks and is admitted.
    const eve = await person();
    await joinRoom(eve, parley.url, room, 'Eve');
    const hal = await joined(room, 'Hal');
    const first = hal.result.meeting;
    await openChat(eve.page);
    await sendChat(eve.page, secret);
    await waitForMessage(eve.page, secret);
    // Eve is the host (first in); she leaves the meeting to Hal, who turns the lobby on.
    await eve.page.getByRole('button', { name: 'Leave call' }).click();
    await waitFor(async () => (await request(hal.socket, 'host.settings', { lobby: true })).ok, (ok) => ok, 20_000, 250);
    expect((await request(hal.socket, 'host.settings', { password: 'correct-horse' })).ok).toBeTrue();
    const kim = await connectSocket(parley.url);
    sockets.push(kim);
    const decision = new Promise((resolve) => kim.once('lobby.decision', resolve));
    const knocking = new Promise((resolve) => hal.socket.once('lobby.knocking', resolve));
    expect(codes([await request(kim, 'room.join', { room, name: 'Kim', password: 'correct-horse' })])).toEqual(['lobby.waiting']);
    expect((await request(hal.socket, 'host.admit', { requestId: (await knocking).requestId, admit: true })).ok).toBeTrue();
    const { admitToken } = await decision;
    expect(admitToken).toEqual(jasmine.any(String));

    // Hal's connection drops (no goodbye): the room empties and the meeting ends after the grace.
    hal.socket.disconnect();
    console.log(`\n    meeting ${first.id} ended: the room closed ${await backTo(parley, NOTHING_OPEN)} ms after the last one left`);

    // Meeting two: Zed opens the same link.
    const zed = await person();
    await joinRoom(zed, parley.url, room, 'Zed');
    await openChat(zed.page);
    const zoe = await joined(room, 'Zoe');
    const second = zoe.result.meeting;
    expect(second.id).not.toBe(first.id);
    expect(second.startedAt).toBeGreaterThanOrEqual(first.startedAt);
    expect(zoe.result.settings).toEqual(jasmine.objectContaining({ locked: false, lobby: false, hasPassword: false }));
    expect(zoe.result.chat.messages.map((m) => m.text)).not.toContain(secret);
    const history = await request(zoe.socket, 'chat.history', {});
    expect(history.ok).toBeTrue();
    expect(history.data.messages.map((m) => m.text)).not.toContain(secret);
    // Zed's chat shows this meeting's lines only (Zoe's arrival), never Eve's.
    await waitFor(() => chatTexts(zed.page), (texts) => texts.some((t) => t.includes('Zoe')), 20_000);
    expect((await chatTexts(zed.page)).join('\n')).not.toContain('quarterly');

    // Tokens of the first meeting: Kim's admission and Hal's session.
    const late = await connectSocket(parley.url);
    sockets.push(late);
    const admitted = await request(late, 'room.join', { room, name: 'Kim', admitToken });
    const resumed = await request(late, 'room.join', { room, name: 'Hal', resumeToken: hal.result.token });
    // Hal's session ended with his membership, at the grace after his drop; Kim's admission with the meeting.
    expect(codes([admitted, resumed])).toEqual(['auth.meeting_ended', 'auth.invalid_token']);
    console.log(`    meeting ${second.id}: Eve's message in neither the join reply nor chat.history; the old admit and session tokens → ${codes([admitted, resumed])}`);
  }, 120_000);

  it('downloads the whole chat of the meeting, every message in order, with the history not loaded yet', async () => {
    const room = newRoomId();
    const bob = await joined(room, 'Bob');
    // More than a history page (50) before Ada comes: the first ones are only in the store when she downloads.
    const sent = Array.from({ length: 64 }, (_, i) => `line ${String(i + 1).padStart(2, '0')} from Bob`);
    for (const [i, text] of sent.entries()) {
      const reply = await request(bob.socket, 'chat.send', { clientId: `bob-line-${i}-${room}`, text });
      expect(reply.ok).withContext(`line ${i + 1}: ${JSON.stringify(reply.error)}`).toBeTrue();
      // Under the gateway's 20 requests a second per connection.
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    const ada = await person();
    await joinRoom(ada, parley.url, room, 'Ada');
    await openChat(ada.page);
    await sendChat(ada.page, 'Ada: *thanks*, all received');
    await waitForMessage(ada.page, 'Ada: *thanks*, all received');
    expect((await chatTexts(ada.page)).filter((t) => t.startsWith('line ')).length).toBeLessThan(sent.length);

    const [download] = await Promise.all([ada.page.waitForEvent('download'), ada.page.getByRole('button', { name: 'Download chat' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^parley-chat-${room}-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}\\.md$`));
    const saved = join(await mkdtemp(join(tmpdir(), 'parley-chat-')), download.suggestedFilename());
    await download.saveAs(saved);
    const text = await readFile(saved, 'utf8');
    expect(text.split('\n')[0]).toBe(`# Chat of the meeting in room ${room}`);
    const order = [...sent, 'Ada: \\*thanks\\*, all received'].map((line) => text.indexOf(line));
    expect(order.every((at) => at > 0)).withContext('every message is in the file').toBeTrue();
    expect([...order].sort((a, b) => a - b)).withContext('in the order sent').toEqual(order);
    console.log(`\n    "Download chat" → ${download.suggestedFilename()}: ${text.split('\n').length} lines, all ${sent.length + 1} messages in order`);
  }, 120_000);
});
