// e2e-load: call
// Quality follows the layout: one publisher sends three simulcast layers; a
// viewer showing them in a small tile receives the quarter-size layer, and a
// viewer showing them large (speaker layout) receives the full-size one. The
// layer is read from the viewers' own inbound-rtp stats, so this checks what
// Janus really forwards after the client's media.view.
import { newRoomId } from '@parley/protocol';
import { outboundLayers, receivedWidth } from './support/layers.mjs';
import { launchChromium, newParticipant, sharedParley, waitFor } from './support/stack.mjs';

/**
 * Chromium (156) sends all three layers only from 960×540 up: at 640×360 it
 * sends two (640×360, 320×180) and at 320×180 or less a single one, however
 * many encodings are asked for (its simulcast layer limits by resolution).
 */
const PUBLISHED = { width: 960, height: 540 };
/** Viewers publish something tiny so the publisher's encoder has the CPU. */
const VIEWER_VIDEO = 'e2e-video=160x90@5';

async function join(participant, baseUrl, room, name, video) {
  const { page } = participant;
  await page.goto(`${baseUrl}/r/${room}?${video}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 15_000 });
}

/** CSS size of `name`'s tile on this page. */
function tileSize(page, name) {
  return page.getByRole('group', { name, exact: true }).evaluate((tile) => {
    const { width, height } = tile.getBoundingClientRect();
    return `${Math.round(width)}×${Math.round(height)}`;
  });
}

describe('Simulcast layer choice', () => {
  let parley;
  let browser;
  let publisher;
  let small;
  let large;
  const room = newRoomId();

  beforeAll(async () => {
    parley = await sharedParley();
    browser = await launchChromium();
    publisher = await newParticipant(browser);
    small = await newParticipant(browser);
    large = await newParticipant(browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  it('sends a small tile the quarter-size layer and a large one the full-size layer', async () => {
    await join(publisher, parley.url, room, 'Pia', `e2e-video=${PUBLISHED.width}x${PUBLISHED.height}@15`);
    // A phone-sized window in the grid: Pia's tile is about 180 px wide.
    await small.page.setViewportSize({ width: 400, height: 420 });
    await join(small, parley.url, room, 'Sam', VIEWER_VIDEO);
    // A laptop window in the speaker layout: Pia (the first other person) is the large tile.
    await join(large, parley.url, room, 'Lee', VIEWER_VIDEO);
    await large.page.getByRole('button', { name: 'Speaker layout' }).click();
    await expectAsync(large.page.locator('[data-featured="true"][aria-label="Pia"]').waitFor({ timeout: 20_000 })).toBeResolved();

    const layers = await waitFor(
      () => outboundLayers(publisher.page),
      (l) => Object.values(l).filter((layer) => layer.framesSent > 0).length === 3,
      15_000,
      500,
    );
    console.log(`\n    publisher's layers (rid: sent size): ${Object.entries(layers).map(([rid, l]) => `${rid} ${l.width}×${l.height}`).join(', ')}`);
    expect(Object.values(layers).filter((layer) => layer.framesSent > 0).length).withContext('layers sent').toBe(3);
    expect(layers.h?.width).toBe(PUBLISHED.width);

    const quarter = PUBLISHED.width / 4;
    const smallWidth = await waitFor(() => receivedWidth(small.page, 'Pia'), (w) => w > 0 && w <= quarter * 1.1, 20_000, 500);
    const largeWidth = await waitFor(() => receivedWidth(large.page, 'Pia'), (w) => w === PUBLISHED.width, 20_000, 500);
    console.log(`    small tile (${await tileSize(small.page, 'Pia')} CSS px) receives ${smallWidth} px wide frames`);
    console.log(`    large tile (${await tileSize(large.page, 'Pia')} CSS px) receives ${largeWidth} px wide frames`);
    expect(smallWidth).withContext('frame width in the small tile').toBeGreaterThan(0);
    expect(smallWidth).withContext('frame width in the small tile').toBeLessThanOrEqual(quarter * 1.1);
    expect(largeWidth).withContext('frame width in the large tile').toBe(PUBLISHED.width);

    // Switching the large viewer to the grid makes Pia's tile smaller: the layer follows.
    await large.page.getByRole('button', { name: 'Grid layout' }).click();
    const gridWidth = await waitFor(() => receivedWidth(large.page, 'Pia'), (w) => w > 0 && w < PUBLISHED.width, 20_000, 500);
    console.log(`    same viewer in the grid (${await tileSize(large.page, 'Pia')} CSS px) receives ${gridWidth} px wide frames`);
    expect(gridWidth).toBeLessThan(PUBLISHED.width);

    for (const { errors } of [publisher, small, large]) expect(errors).toEqual([]);
  }, 120_000);
});
