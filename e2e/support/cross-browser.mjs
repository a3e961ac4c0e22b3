// Page-side helpers of the Firefox + Chromium e2e (e2e/firefox.e2e.mjs):
// joining from either browser, and reading what each decodes and sends.
import { mediaCounters, waitFor } from './stack.mjs';

/** Small video keeps two browsers and Janus within two cores. */
export const VIDEO = 'e2e-video=320x180@15';
/** Viewers of the layer test publish something tiny so the Firefox encoder has the CPU. */
export const VIEWER_VIDEO = 'e2e-video=160x90@5';
/** Three layers need a large enough source; 960×540 gives 960, 480 and 240 px wide layers. */
export const PUBLISHED = { width: 960, height: 540 };
/** Firefox: open the room, type the name, join, and wait for the call view. */
export async function joinFirefox({ page }, baseUrl, room, name, video = VIDEO) {
  await page.goto(`${baseUrl}/r/${room}?${video}`);
  await page.locator('#display-name').fill(name);
  await (await page.waitForSelector('::-p-aria(Join[role="button"])')).click();
  await page.waitForSelector('::-p-aria(Leave call[role="button"])', { timeout: 20_000 });
}

/** Firefox: clicks the button whose accessible name is `name`. */
export async function clickFirefox(page, name) {
  await (await page.waitForSelector(`::-p-aria(${name}[role="button"])`, { timeout: 30_000 })).click();
}

/** Chromium: the same, through playwright. */
export async function joinChromium({ page }, baseUrl, room, name, video = VIDEO) {
  await page.goto(`${baseUrl}/r/${room}?${video}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 20_000 });
}

/** Whether `name`'s remote camera plays in this page (either driver: both have evaluate). */
export function remoteVideoPlaying(page, name) {
  return page.evaluate((who) => {
    const tile = [...document.querySelectorAll('[role="group"][data-participant-id]')].find((g) => g.getAttribute('aria-label') === who);
    const video = tile?.querySelector('video[data-source="camera"]');
    return video !== null && video !== undefined && !video.paused && video.readyState >= 2 && video.videoWidth > 0;
  }, name);
}

/** Media counters rise on `page`: audio packets and decoded video frames both keep arriving. */
export async function expectMediaFlowing(page, who) {
  const before = await mediaCounters(page);
  const after = await waitFor(
    () => mediaCounters(page),
    (now) => now.audioPacketsReceived > before.audioPacketsReceived + 20 && now.videoFramesDecoded > before.videoFramesDecoded + 5,
  );
  expect(after.audioPacketsReceived).withContext(`${who}: audio packets received`).toBeGreaterThan(before.audioPacketsReceived + 20);
  expect(after.videoFramesDecoded).withContext(`${who}: video frames decoded`).toBeGreaterThan(before.videoFramesDecoded + 5);
  return { before, after };
}

/** Audio packets and decoded video frames per second received on `page`, over `ms`. */
export async function receiveRates(page, ms = 3_000) {
  const before = await mediaCounters(page);
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await mediaCounters(page);
  const perSecond = (key) => Math.round(((after[key] - before[key]) * 1000) / ms);
  return { audio: perSecond('audioPacketsReceived'), video: perSecond('videoFramesDecoded') };
}

/** Firefox: opens the chat, sends `text` with Enter. */
export async function sendFromFirefox(page, text) {
  if (!(await page.$('parley-chat-panel'))) await page.click('button[aria-expanded][aria-label^="Chat"]');
  await page.waitForSelector('#parley-chat-message');
  await page.type('#parley-chat-message', text);
  await page.keyboard.press('Enter');
}

/** A stored (not still sending) chat message showing `text` on either driver's page. */
export function hasMessage(page, text) {
  return page.evaluate(
    (wanted) =>
      [...document.querySelectorAll('parley-chat-panel [data-chat-message][data-sending="false"] parley-chat-text')].some(
        (e) => e.textContent === wanted,
      ),
    text,
  );
}
