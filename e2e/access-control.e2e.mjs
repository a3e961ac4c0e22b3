// e2e-load: call
// Who gets into a meeting and what a host can do, for real: passwords, a
// locked room, the lobby, a host mute that Janus enforces, removal that the
// removed person's token cannot undo; and the gateway's own doors (foreign
// origins, oversized payloads) and Janus's API port staying on loopback.
import { readFileSync } from 'node:fs';
import { newRoomId } from '@parley/protocol';
import { connectSocket, disconnected, request } from './support/sockets.mjs';
import { launchChromium, mediaCounters, openedParticipants, sharedParley, waitFor } from './support/stack.mjs';

/** Tiny video: three browsers and Janus share two cores. */
const VIDEO = 'e2e-video=160x90@10';
const IN_CALL_MS = 25_000;

describe('Access control', () => {
  let parley;
  let browser;
  /** People opened by the running spec, closed after it. */
  const people = openedParticipants(() => browser);
  const person = () => people.open();

  beforeAll(async () => {
    parley = await sharedParley();
    browser = await launchChromium();
  }, 60_000);

  afterEach(() => people.closeAll());

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  /** Opens the room's lobby, types the name and presses Join (no waiting for the outcome). */
  async function knock({ page }, room, name) {
    await page.goto(`${parley.url}/r/${room}?${VIDEO}`);
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
  }

  async function inCall({ page }) {
    await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: IN_CALL_MS });
  }

  async function joinCall(participant, room, name) {
    await knock(participant, room, name);
    await inCall(participant);
  }

  /** Opens "Host controls", runs `change` in the dialog, closes it with Done. */
  async function hostControls({ page }, change) {
    await page.getByRole('button', { name: 'Host controls' }).click();
    const dialog = page.getByRole('dialog', { name: 'Host controls' });
    await dialog.waitFor();
    await change(dialog);
    await dialog.getByRole('button', { name: 'Done' }).click();
  }

  /** Picks `item` from the host's per-person menu in the participants panel. */
  async function personMenu({ page }, name, item) {
    const panel = page.getByRole('complementary', { name: /^Participants/ });
    if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Participants/ }).click();
    await page.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: item }).click();
  }

  const joinAlert = ({ page }) => page.locator('.join-pane [role="alert"]');

  it('refuses a wrong password and admits the right one', async () => {
    const room = newRoomId();
    const ada = await person();
    const bob = await person();
    await joinCall(ada, room, 'Ada');
    await expectAsync(ada.page.getByRole('group', { name: 'Ada' }).getByText('Host', { exact: true }).waitFor()).toBeResolved();
    await hostControls(ada, async (dialog) => {
      await dialog.getByLabel('Password', { exact: true }).fill('correct horse');
      await dialog.getByRole('button', { name: 'Set password' }).click();
      await dialog.getByText('The password is set.').waitFor();
    });

    await knock(bob, room, 'Bob');
    const field = bob.page.getByLabel('Meeting password');
    await field.waitFor({ timeout: 20_000 });
    expect(await bob.page.getByText('This meeting needs a password.').isVisible()).toBeTrue();
    expect(await bob.page.getByRole('button', { name: 'Join', exact: true }).isDisabled()).withContext('no join without a password').toBeTrue();

    await field.fill('battery staple');
    await bob.page.getByRole('button', { name: 'Join', exact: true }).click();
    await joinAlert(bob).filter({ hasText: 'That password is wrong.' }).waitFor({ timeout: 20_000 });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await bob.page.getByRole('button', { name: 'Leave call' }).count()).toBe(0);

    await field.fill('correct horse');
    await bob.page.getByRole('button', { name: 'Join', exact: true }).click();
    await inCall(bob);
    await expectAsync(ada.page.getByRole('group', { name: 'Bob' }).waitFor({ timeout: 20_000 })).toBeResolved();
    expect(ada.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  }, 90_000);

  it('refuses everyone new while the room is locked', async () => {
    const room = newRoomId();
    const ada = await person();
    const bob = await person();
    await joinCall(ada, room, 'Ada');
    await hostControls(ada, async (dialog) => {
      await dialog.getByRole('switch', { name: 'Lock the meeting' }).click();
      await dialog.getByText('The meeting is locked.').waitFor();
    });

    await knock(bob, room, 'Bob');
    await joinAlert(bob).filter({ hasText: 'This room is locked' }).waitFor({ timeout: 20_000 });
    expect(await bob.page.getByRole('button', { name: 'Leave call' }).count()).toBe(0);
    expect(await ada.page.getByRole('group', { name: 'Bob' }).count()).toBe(0);
  }, 90_000);

  it('keeps newcomers in the lobby until the host admits or denies them', async () => {
    const room = newRoomId();
    const ada = await person();
    const bob = await person();
    const cleo = await person();
    await joinCall(ada, room, 'Ada');
    await hostControls(ada, async (dialog) => {
      await dialog.getByRole('switch', { name: 'Lobby' }).click();
      await dialog.getByText('The lobby is on.').waitFor();
    });

    await knock(bob, room, 'Bob');
    await bob.page.getByRole('status').filter({ hasText: 'Waiting for the host to let you in' }).waitFor({ timeout: 20_000 });
    const prompt = ada.page.getByRole('group', { name: 'Bob wants to join' });
    await prompt.waitFor({ timeout: 20_000 });
    // Said politely too, not only drawn.
    await ada.page.getByRole('status').filter({ hasText: 'Bob wants to join' }).waitFor();
    await ada.page.getByRole('button', { name: 'Admit Bob' }).click();
    await inCall(bob);
    await prompt.waitFor({ state: 'detached', timeout: 20_000 });
    await expectAsync(ada.page.getByRole('group', { name: 'Bob' }).waitFor({ timeout: 20_000 })).toBeResolved();

    await knock(cleo, room, 'Cleo');
    await ada.page.getByRole('button', { name: 'Deny Cleo' }).click({ timeout: 20_000 });
    await joinAlert(cleo).filter({ hasText: 'The host did not let you in.' }).waitFor({ timeout: 20_000 });
    expect(await cleo.page.getByRole('button', { name: 'Leave call' }).count()).toBe(0);
    // The prompt ("Cleo wants to join") goes once the denial is through; Cleo never gets a tile.
    await ada.page.getByRole('group', { name: 'Cleo wants to join' }).waitFor({ state: 'detached', timeout: 20_000 });
    expect(await ada.page.getByRole('group', { name: 'Cleo', exact: true }).count()).toBe(0);
  }, 90_000);

  it('mutes someone in Janus: their audio stops reaching the others even if their client keeps sending, until they unmute', async () => {
    const room = newRoomId();
    const ada = await person();
    const bob = await person();
    await joinCall(ada, room, 'Ada');
    await joinCall(bob, room, 'Bob');
    const start = await mediaCounters(ada.page);
    const flowing = await waitFor(
      () => mediaCounters(ada.page),
      (now) => now.audioPacketsReceived > start.audioPacketsReceived + 50,
      20_000,
    );
    expect(flowing.audioPacketsReceived).withContext('Bob’s audio reaches Ada before the mute').toBeGreaterThan(start.audioPacketsReceived + 50);

    await personMenu(ada, 'Bob', 'Mute Bob');
    // Bob is told why, and his toggle says muted.
    await bob.page.getByText('The host muted you').waitFor({ timeout: 20_000 });
    const unmute = bob.page.getByRole('button', { name: 'Unmute microphone' }).first();
    expect(await unmute.getAttribute('aria-pressed')).toBe('true');

    // A client that ignores the mute: Bob's page turns its microphone track back on behind the app's back.
    await bob.page.evaluate(() => {
      for (const pc of window.__parleyPcs) for (const sender of pc.getSenders()) if (sender.track?.kind === 'audio') sender.track.enabled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // packets in flight drain
    const adaBefore = await mediaCounters(ada.page);
    const bobBefore = await mediaCounters(bob.page);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const adaAfter = await mediaCounters(ada.page);
    const bobAfter = await mediaCounters(bob.page);
    console.log(
      `\n    while host-muted: Bob sent ${bobAfter.audioPacketsSent - bobBefore.audioPacketsSent} audio packets in 3 s, ` +
        `Ada received ${adaAfter.audioPacketsReceived - adaBefore.audioPacketsReceived}`,
    );
    expect(bobAfter.audioPacketsSent - bobBefore.audioPacketsSent).withContext('Bob keeps sending').toBeGreaterThan(50);
    expect(adaAfter.audioPacketsReceived - adaBefore.audioPacketsReceived).withContext('Janus forwards none of it').toBeLessThanOrEqual(3);

    // Bob unmutes himself: the gateway lifts the mute in Janus and Ada hears him again.
    await unmute.click();
    const lifted = await waitFor(
      () => mediaCounters(ada.page),
      (now) => now.audioPacketsReceived > adaAfter.audioPacketsReceived + 50,
      15_000,
    );
    expect(lifted.audioPacketsReceived).withContext('audio flows again after unmuting').toBeGreaterThan(adaAfter.audioPacketsReceived + 50);
    await bob.page.getByText('The host muted you').waitFor({ state: 'detached', timeout: 20_000 });
  }, 120_000);

  it('removes someone, who sees why and cannot come back with their session token', async () => {
    const room = newRoomId();
    const ada = await person();
    const bob = await person();
    // Bob's page: the newest session token it was given, and how many joins it sent.
    let token = null;
    let joinsSent = 0;
    bob.page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        const match = /"token":"([^"]+)"/.exec(String(payload));
        if (match) token = match[1];
      });
      ws.on('framesent', ({ payload }) => {
        if (String(payload).includes('"room.join"')) joinsSent += 1;
      });
    });
    await joinCall(ada, room, 'Ada');
    await joinCall(bob, room, 'Bob');
    expect(token).withContext('Bob got a session token').not.toBeNull();

    await personMenu(ada, 'Bob', 'Remove Bob');
    const confirm = ada.page.getByRole('dialog', { name: 'Remove Bob from the meeting?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Remove Bob' }).click();

    await bob.page.getByRole('heading', { name: 'You were removed from the meeting' }).waitFor({ timeout: 20_000 });
    expect(await bob.page.getByRole('button', { name: 'Rejoin' }).count()).toBe(0);
    await ada.page.getByRole('group', { name: 'Bob' }).waitFor({ state: 'detached', timeout: 20_000 });

    // The page does not try to resume on its own...
    const joinsAtRemoval = joinsSent;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(joinsSent).withContext('no resume attempt after removal').toBe(joinsAtRemoval);

    // ...and the token it held is refused by the gateway.
    const socket = await connectSocket(parley.url);
    try {
      const reply = await request(socket, 'room.join', { room, name: 'Bob', resumeToken: token });
      expect(reply.ok).toBeFalse();
      expect(reply.error.code).toBe('auth.invalid_token');
    } finally {
      socket.close();
    }
    expect(await ada.page.getByRole('group', { name: 'Bob' }).count()).toBe(0);
  }, 90_000);

  it('refuses a socket from a foreign Origin, and takes one from its own', async () => {
    const origin = new URL(parley.url).origin;
    await expectAsync(connectSocket(parley.url, { extraHeaders: { origin: 'https://evil.example' } })).toBeRejected();
    const own = await connectSocket(parley.url, { extraHeaders: { origin } });
    expect(own.connected).toBeTrue();
    own.close();
  });

  it('drops a socket that sends 1 MiB and keeps serving everyone else', async () => {
    const big = await connectSocket(parley.url);
    const gone = disconnected(big);
    big.emit('chat.send', { clientId: 'big-1', text: 'x'.repeat(1024 * 1024) }, () => fail('a 1 MiB request was answered'));
    const reason = await gone;
    console.log(`\n    1 MiB payload → socket closed (${reason})`);

    const next = await connectSocket(parley.url);
    try {
      const joined = await request(next, 'room.join', { room: newRoomId(), name: 'After' });
      expect(joined.ok).toBeTrue();
    } finally {
      next.close();
    }
    expect((await fetch(`${parley.url}/healthz`)).status).toBe(200);
  });

  it('keeps Janus’s WebSocket API off every non-loopback address', () => {
    const port = Number(new URL(process.env.JANUS_URL).port);
    const listening = listeningAddresses(port);
    console.log(`\n    Janus WebSocket port ${port} listens on: ${listening.join(', ')}`);
    expect(listening.length).withContext('Janus is listening at all').toBeGreaterThan(0);
    for (const address of listening) expect(isLoopback(address)).withContext(address).toBeTrue();
  });
});

/** Local addresses in LISTEN state on `port`, from /proc/net/tcp and tcp6. */
function listeningAddresses(port) {
  const addresses = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ]) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 on this machine
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue;
      const [hexAddress, hexPort] = local.split(':');
      if (parseInt(hexPort, 16) !== port) continue;
      addresses.push(v6 ? ipv6(hexAddress) : ipv4(hexAddress));
    }
  }
  return addresses;
}

/** /proc's IPv4 hex is the address in host (little-endian) byte order. */
function ipv4(hex) {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** /proc's IPv6 hex is four 32-bit words, each in host (little-endian) byte order. */
function ipv6(hex) {
  const bytes = [];
  for (let word = 0; word < 4; word++) {
    const chunk = hex.slice(word * 8, word * 8 + 8);
    for (let i = 6; i >= 0; i -= 2) bytes.push(parseInt(chunk.slice(i, i + 2), 16));
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':');
}

function isLoopback(address) {
  if (/^127\./.test(address)) return true;
  const groups = address.split(':');
  if (groups.length !== 8) return false;
  const isZero = (g) => parseInt(g, 16) === 0;
  if (groups.slice(0, 7).every(isZero) && parseInt(groups[7], 16) === 1) return true; // ::1
  // ::ffff:127.x.y.z (IPv4-mapped loopback)
  return groups.slice(0, 5).every(isZero) && groups[5] === 'ffff' && parseInt(groups[6], 16) >> 8 === 127;
}
