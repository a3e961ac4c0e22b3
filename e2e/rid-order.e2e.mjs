// e2e-load: call
// Simulcast rid order, end to end: a publisher whose offer lists its layers
// low to high (here Chromium with its sendEncodings reversed in the page, as
// some browsers have written them) tells the gateway `ridOrder: "lmh"`, the
// gateway tells Janus `rid_order`, and viewers still get the layer their
// tile asks for: the small tile the quarter-size one, the large tile the full one.
import { newRoomId } from '@parley/protocol';
import { receivedWidth } from './support/layers.mjs';
import { launchChromium, newParticipant, sharedParley, waitFor } from './support/stack.mjs';

const PUBLISHED = { width: 960, height: 540 };
const VIEWER_VIDEO = 'e2e-video=160x90@5';

async function join({ page }, baseUrl, room, name, video) {
  await page.goto(`${baseUrl}/r/${room}?${video}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 20_000 });
}

/** In the page: every simulcast transceiver gets its encodings in reverse (l, m, h), so the offer lists them low to high. */
function reverseSendEncodings() {
  const addTransceiver = RTCPeerConnection.prototype.addTransceiver;
  RTCPeerConnection.prototype.addTransceiver = function (trackOrKind, init) {
    const encodings = init?.sendEncodings;
    return addTransceiver.call(this, trackOrKind, encodings && encodings.length > 1 ? { ...init, sendEncodings: [...encodings].reverse() } : init);
  };
}

describe('Simulcast rid order', () => {
  let parley;
  let browser;

  beforeAll(async () => {
    parley = await sharedParley();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  it('maps an offer that lists its layers low to high onto the right Janus layers', async () => {
    const room = newRoomId();
    const publisher = await newParticipant(browser);
    const small = await newParticipant(browser);
    const large = await newParticipant(browser);
    await publisher.context.addInitScript(reverseSendEncodings);
    const publishes = [];
    publisher.page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (typeof payload === 'string' && payload.includes('"media.publish"')) publishes.push(payload);
      }),
    );

    await join(publisher, parley.url, room, 'Pia', `e2e-video=${PUBLISHED.width}x${PUBLISHED.height}@15`);
    // The call screen shows on the join reply; the publisher's offer follows it.
    const offer = await waitFor(
      () => publisher.page.evaluate(() => window.__parleyPcs.find((pc) => pc.signalingState !== 'closed' && pc.localDescription?.type === 'offer')?.localDescription?.sdp ?? ''),
      (sdp) => /^a=simulcast:/m.test(sdp),
      15_000,
      100,
    );
    expect(offer).toMatch(/^a=simulcast:send l;m;h/m);
    await waitFor(() => publishes.length, (n) => n > 0, 15_000, 100);
    expect(publishes.some((frame) => frame.includes('"ridOrder":"lmh"'))).withContext('media.publish says lmh').toBeTrue();

    await small.page.setViewportSize({ width: 400, height: 420 });
    await join(small, parley.url, room, 'Sam', VIEWER_VIDEO);
    await join(large, parley.url, room, 'Lee', VIEWER_VIDEO);
    await large.page.getByRole('button', { name: 'Speaker layout' }).click();
    await large.page.locator('[data-featured="true"][aria-label="Pia"]').waitFor({ timeout: 20_000 });

    const quarter = PUBLISHED.width / 4;
    const smallWidth = await waitFor(() => receivedWidth(small.page, 'Pia'), (w) => w > 0 && w <= quarter * 1.1, 25_000, 500);
    const largeWidth = await waitFor(() => receivedWidth(large.page, 'Pia'), (w) => w === PUBLISHED.width, 25_000, 500);
    console.log(`\n    rids offered l;m;h (ridOrder lmh): small tile ${smallWidth} px wide frames, large tile ${largeWidth} px`);
    expect(smallWidth).toBeGreaterThan(0);
    expect(smallWidth).withContext('the small tile gets the quarter-size layer').toBeLessThanOrEqual(quarter * 1.1);
    expect(largeWidth).withContext('the large tile gets the full-size layer').toBe(PUBLISHED.width);
    for (const { errors } of [publisher, small, large]) expect(errors).toEqual([]);
    for (const { context } of [publisher, small, large]) await context.close();
  }, 120_000);
});
