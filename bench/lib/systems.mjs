// The two things compared, behind one shape: Parley (its lobby, its Join
// button, through the gateway) and Janus's own VideoRoom demo (its Start
// button, then its Join/register button, talking to Janus directly).
import { newRoomId } from '@parley/protocol';
import { videoConstraints } from './browser.mjs';
import { createDemoRoom } from './janus-api.mjs';

/** The demo page lays out remote feeds in five fixed slots (videoremote1..5). */
export const DEMO_VISIBLE_REMOTES = 5;

/**
 * @param {{ url: string, video: string, layers?: boolean }} options
 *   `video` is Parley's ?e2e-video= knob (WxH@fps); `layers: false` adds ?e2e-layers=off.
 */
export function parley({ url, video, layers = true }) {
  const query = `e2e-video=${video}${layers ? '' : '&e2e-layers=off'}`;
  return {
    key: layers ? 'parley' : 'parley-layers-off',
    label: layers ? 'Parley' : 'Parley, layers off',
    pageOptions: { remoteVideos: 'video[data-participant-id][data-source="camera"]', video: null },
    visible: (remotes) => remotes,
    newRoom: async () => ({ id: newRoomId(), destroy: async () => undefined }),
    /** Opens the lobby, types the name, waits for the camera preview (what a person sees before pressing Join). */
    async enter(page, room, name) {
      await page.goto(`${url}/r/${room}?${query}`);
      await page.getByLabel('Your name').fill(name);
      await page
        .waitForFunction(() => (document.querySelector('video[data-local]')?.readyState ?? 0) >= 2, null, { timeout: 15_000 })
        .catch(() => undefined);
    },
    async join(page) {
      await page.evaluate(() => window.__bench.arm());
      await page.getByRole('button', { name: 'Join', exact: true }).click();
    },
    /** "Leave call", so the gateway frees the seat at once instead of holding it for a resume. */
    async leave(page) {
      await page.getByRole('button', { name: 'Leave call', exact: true }).click({ timeout: 3_000 }).catch(() => undefined);
    },
  };
}

/**
 * @param {{ url: string, janusUrl: string, adminKey: string, video: string, maxPublishers: number }} options
 */
export function demo({ url, janusUrl, adminKey, video, maxPublishers }) {
  return {
    key: 'demo',
    label: 'Janus demo',
    // Same capture constraints as Parley's ?e2e-video= (janus.js would ask for 640×480).
    pageOptions: { remoteVideos: '[id^="videoremote"] video', video: videoConstraints(video) },
    visible: (remotes) => Math.min(remotes, DEMO_VISIBLE_REMOTES),
    async newRoom() {
      const room = await createDemoRoom(janusUrl, { adminKey, maxPublishers });
      return { id: room.room, destroy: room.destroy };
    },
    /** Opens the demo, presses Start (session + handle), waits for the name field. */
    async enter(page, room, name) {
      await page.goto(`${url}/videoroomtest.html?room=${room}`);
      await page.click('#start');
      await page.waitForSelector('#username', { state: 'visible', timeout: 15_000 });
      await page.fill('#username', name.replace(/[^A-Za-z0-9]/g, ''));
    },
    async join(page) {
      await page.evaluate(() => window.__bench.arm());
      await page.click('#register');
    },
    async leave() {
      // Closing the context hangs up; the room is destroyed afterwards.
    },
  };
}
