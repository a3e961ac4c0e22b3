// e2e-load: call
// Reactions, for real: one person's reaction floats over their tile for
// everyone in the call and is read out by name; the gateway rate-limits
// them, delivers them only inside the sender's room, and keeps nothing.
import { REACTION_BURST, newRoomId } from '@parley/protocol';
import { joinRoom } from './support/chat.mjs';
import { backTo, gauges } from './support/metrics.mjs';
import { launchChromium, newParticipant, startParley } from './support/stack.mjs';
import { connectSocket } from './support/socket.mjs';


describe('Reactions', () => {
  let parley;
  let browser;
  const sockets = [];

  beforeAll(async () => {
    // Its own gateway: the second spec reads its /metrics gauges.
    parley = await startParley();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  const socketIn = async (room, name) => {
    const socket = await connectSocket(parley.url);
    sockets.push(socket);
    const joined = await socket.timeout(15_000).emitWithAck('room.join', { room, name });
    expect(joined.ok).withContext(JSON.stringify(joined.error ?? {})).toBeTrue();
    return socket;
  };

  it('floats a reaction over the sender’s tile for everyone, reads it out by name, and sends none to another room', async () => {
    const room = newRoomId();
    const ada = await newParticipant(browser);
    const bob = await newParticipant(browser);
    const elsewhere = await socketIn(newRoomId(), 'Eve');
    const strayed = [];
    elsewhere.on('reaction', (event) => strayed.push(event));
    await joinRoom(ada, parley.url, room, 'Ada');
    await joinRoom(bob, parley.url, room, 'Bob');
    await ada.page.locator('parley-participant-tile').nth(1).waitFor({ timeout: 20_000 });

    // The keyboard way: R opens the bar with focus on its first reaction.
    await ada.page.locator('main.call').press('r');
    const applause = ada.page.getByRole('button', { name: 'React with applause' });
    await applause.waitFor();
    expect(await ada.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('React with thumbs up');
    const sentAt = Date.now();
    await applause.click();

    const onAdaTile = (page) => page.locator('parley-participant-tile', { hasText: 'Ada' }).locator('[data-reaction]', { hasText: '👏' });
    await onAdaTile(bob.page).waitFor({ timeout: 10_000 });
    const seenInMs = Date.now() - sentAt;
    await onAdaTile(ada.page).waitFor({ timeout: 5_000 });
    await expectAsync(bob.page.locator('[data-reaction-announcer]', { hasText: 'Ada reacted 👏 (applause)' }).waitFor({ state: 'attached', timeout: 5_000 })).toBeResolved();
    console.log(`    reaction shown on the other's screen ${seenInMs} ms after the click`);
    // It goes away by itself, and another room never heard of it.
    await onAdaTile(bob.page).waitFor({ state: 'detached', timeout: 10_000 });
    expect(strayed).toEqual([]);
    await ada.context.close();
    await bob.context.close();
  }, 90_000);

  it('rate-limits a sender, delivers exactly what it acked, refuses bad or outside reactions, and keeps nothing', async () => {
    const start = await gauges(parley);
    const room = newRoomId();
    const sender = await socketIn(room, 'Sender');
    const watcher = await socketIn(room, 'Watcher');
    const received = [];
    watcher.on('reaction', (event) => received.push(event.emoji));

    const replies = await Promise.all(
      Array.from({ length: 20 }, () => sender.timeout(10_000).emitWithAck('reaction.send', { emoji: '🎉' })),
    );
    const acked = replies.filter((reply) => reply.ok).length;
    expect(acked).toBeGreaterThanOrEqual(REACTION_BURST);
    expect(acked).toBeLessThan(20);
    expect(replies.filter((reply) => !reply.ok).every((reply) => reply.error.code === 'rate_limited')).toBeTrue();

    const bad = await sender.timeout(10_000).emitWithAck('reaction.send', { emoji: '💩' });
    expect(bad.ok).toBeFalse();
    expect(bad.error.code).toBe('validation.failed');
    const outsider = await connectSocket(parley.url);
    sockets.push(outsider);
    const notIn = await outsider.timeout(10_000).emitWithAck('reaction.send', { emoji: '👍' });
    expect(notIn.ok).toBeFalse();
    expect(notIn.error.code).toBe('session.not_joined');

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received.length).withContext('each acked reaction once, nothing else').toBe(acked);
    expect(new Set(received)).toEqual(new Set(['🎉']));

    for (const socket of [sender, watcher, outsider]) socket.close();
    await backTo(parley, start);
  }, 60_000);
});
