#!/usr/bin/env node
// Regenerates the web manifest's screenshots (client/public/screenshots/*.png)
// from the real app: its own Janus and gateway on free ports, headless
// Chromium with the fake camera, a two-person call with a little chat. Run
// after a visible change to the home page, the lobby or the call, then
// rebuild the client:
//
//   npm run build && node scripts/manifest-screenshots.mjs
//
// The images are what the browser's install dialog shows (Chromium's richer
// install UI wants at least one `wide` and one `narrow`); their names and
// sizes must match client/public/manifest.webmanifest (the PWA e2e checks).
import { newRoomId } from '@parley/protocol';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { joinRoom, openChat, sendChat, waitForMessage } from '../e2e/support/chat.mjs';
import { launchChromium, newParticipant, startParley } from '../e2e/support/stack.mjs';
import { ROOT } from './lib/gateway.mjs';
import { startJanus } from './lib/janus.mjs';

const OUT = join(ROOT, 'client', 'public', 'screenshots');
const ADMIN_KEY = 'parley-screenshots-admin-key';
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };

mkdirSync(OUT, { recursive: true });
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
const janus = await startJanus({ adminKey: ADMIN_KEY, logFile: join(ROOT, 'test-results', 'screenshots-janus.log') });
process.env.JANUS_URL = janus.url;
process.env.JANUS_ADMIN_KEY = ADMIN_KEY;
const parley = await startParley();
const browser = await launchChromium();

/** A participant whose window has `size` (phones get touch and the mobile viewport). */
async function participant(size) {
  const phone = size.width < 600;
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, isMobile: phone, hasTouch: phone, colorScheme: 'dark' });
  await context.grantPermissions(['camera', 'microphone']);
  return { context, page: await context.newPage() };
}

async function save(page, name) {
  // Let video frames and fonts settle; the fake camera needs a moment to show its picture.
  await page.waitForTimeout(1500);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  console.log(`${name}.png  ${(statSync(path).size / 1024).toFixed(0)} KiB`);
}

try {
  const room = newRoomId();
  const bob = await newParticipant(browser);
  await joinRoom(bob, parley.url, room, 'Bob Okafor');

  const wide = await participant(WIDE);
  await wide.page.goto(`${parley.url}/`);
  await wide.page.getByRole('button', { name: 'Start a new meeting' }).waitFor();
  await save(wide.page, 'home-wide');

  await joinRoom(wide, parley.url, room, 'Ada Lovelace');
  await wide.page.locator('video[data-participant-id][data-source="camera"]').first().waitFor({ timeout: 15_000 });
  await openChat(bob.page);
  await sendChat(bob.page, 'Morning! The agenda is in the doc.');
  await openChat(wide.page);
  await waitForMessage(wide.page, 'Morning! The agenda is in the doc.');
  await sendChat(wide.page, 'Thanks, starting with the release notes.');
  await waitForMessage(wide.page, 'Thanks, starting with the release notes.');
  await wide.page.getByRole('textbox', { name: 'Message' }).blur();
  await save(wide.page, 'call-wide');

  const narrow = await participant(NARROW);
  await narrow.page.goto(`${parley.url}/r/${room}?e2e-video=160x90@5`);
  await narrow.page.locator('video[data-local]').waitFor({ timeout: 15_000 });
  await narrow.page.getByLabel('Your name').fill('Cleo');
  await save(narrow.page, 'lobby-narrow');
  await narrow.page.getByRole('button', { name: 'Join', exact: true }).click();
  await narrow.page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 20_000 });
  await narrow.page.locator('video[data-participant-id][data-source="camera"]').nth(1).waitFor({ timeout: 15_000 });
  await save(narrow.page, 'call-narrow');
} finally {
  await browser.close();
  await parley.stop();
  await janus.stop();
}
