// e2e-load: call
// A message typed while the network is down shows as "sending", goes out
// when the connection is back, and reaches the others exactly once.
import { newRoomId } from '@parley/protocol';
import { countMessages, joinRoom, openChat, sendChat, waitForMessage } from './support/chat.mjs';
import { launchChromium, newParticipant, sharedParley } from './support/stack.mjs';

/**
 * Keeps every WebSocket the page opens in `window.__parleySockets`, so the
 * test can cut them, and swallows Socket.IO ack frames (`43<id>[...]`) that
 * contain `window.__parleyDropAck`, so a message can reach the gateway while
 * its sender never hears back — the case where only the clientId prevents a
 * duplicate on retry.
 */
function recordWebSockets() {
  const Native = window.WebSocket;
  const onmessage = Object.getOwnPropertyDescriptor(Native.prototype, 'onmessage');
  const opened = [];
  window.__parleySockets = opened;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      opened.push(this);
      Object.defineProperty(this, 'onmessage', {
        get: () => onmessage.get.call(this),
        set: (handler) =>
          onmessage.set.call(
            this,
            handler &&
              ((event) => {
                const drop = window.__parleyDropAck;
                if (drop && typeof event.data === 'string' && event.data.startsWith('43') && event.data.includes(drop)) return;
                handler.call(this, event);
              }),
          ),
      });
    }
  };
}

describe('Chat while offline', () => {
  let parley;
  let browser;
  let ada;
  let bob;
  const room = newRoomId();

  beforeAll(async () => {
    parley = await sharedParley();
    browser = await launchChromium();
    ada = await newParticipant(browser);
    bob = await newParticipant(browser);
    await bob.context.addInitScript(recordWebSockets);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  it('sends a message typed offline once, and never twice one whose ack was lost', async () => {
    await joinRoom(ada, parley.url, room, 'Ada');
    await joinRoom(bob, parley.url, room, 'Bob');
    await openChat(ada.page);
    await openChat(bob.page);
    await sendChat(bob.page, 'Before the tunnel');
    await waitForMessage(ada.page, 'Before the tunnel');

    // The gateway stores this one and tells Ada, but Bob's ack is lost: he still shows it as sending.
    const unacked = 'Ack lost at the tunnel entrance';
    await bob.page.evaluate((text) => (window.__parleyDropAck = text), unacked);
    await sendChat(bob.page, unacked);
    await waitForMessage(ada.page, unacked);
    await bob.page.locator('parley-chat-panel [data-chat-message][data-sending="true"]', { hasText: unacked }).waitFor();

    // Offline: new connections fail, and the open socket is cut (DevTools' offline mode alone leaves it up).
    const cdp = await bob.context.newCDPSession(bob.page);
    const network = (offline) =>
      cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.send('Network.enable');
    await network(true);
    await bob.page.evaluate(() => {
      window.__parleyDropAck = undefined;
      window.__parleySockets.forEach((socket) => socket.close());
    });
    await bob.page.getByText('Connection lost. Reconnecting…').waitFor({ timeout: 20_000 });

    const text = 'Typed in the tunnel';
    await sendChat(bob.page, text);
    const pending = bob.page.locator('parley-chat-panel [data-chat-message][data-sending="true"]', { hasText: text });
    await pending.waitFor();
    expect(await pending.textContent()).toContain('Sending…');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await countMessages(ada.page, text)).withContext('nothing arrives while Bob is offline').toBe(0);

    await network(false);
    await waitForMessage(ada.page, text, 30_000);
    await waitForMessage(bob.page, text, 30_000);
    await waitForMessage(bob.page, unacked, 30_000);
    // Give a duplicate every chance to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const line of ['Before the tunnel', unacked, text]) {
      expect(await countMessages(ada.page, line)).withContext(`Ada: ${line}`).toBe(1);
      expect(await countMessages(bob.page, line)).withContext(`Bob: ${line}`).toBe(1);
    }
    expect(await bob.page.locator('parley-chat-panel [data-sending="true"]').count()).toBe(0);
    expect(ada.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  }, 90_000);
});
