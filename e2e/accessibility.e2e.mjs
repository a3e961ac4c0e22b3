// e2e-load: call
// axe-core over the real screens, as people reach them: home and lobby in
// the dark and the light theme, and the call (two people) with the grid, with
// the chat open and with the Settings dialog open. Serious and critical
// violations fail; lesser ones are printed.
import { newRoomId } from '@parley/protocol';
import { axeViolations, blocking, describeViolations } from './support/axe.mjs';
import { LOW_VIDEO, joinRoom, openChat, sendChat } from './support/chat.mjs';
import { launchChromium, newParticipant, sharedParley } from './support/stack.mjs';

describe('Accessibility (axe-core)', () => {
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

  /** Runs axe, logs what it found, and expects nothing serious or critical. */
  async function expectNoBlockingViolations(page, label) {
    const violations = await axeViolations(page);
    console.log(describeViolations(label, violations));
    expect(blocking(violations)).withContext(`${label}: ${JSON.stringify(blocking(violations), null, 1)}`).toEqual([]);
  }

  for (const colorScheme of ['dark', 'light']) {
    it(`finds no serious violations on the home page and in the lobby (${colorScheme} theme)`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      await context.grantPermissions(['camera', 'microphone']);
      const page = await context.newPage();
      try {
        await page.goto(`${parley.url}/`);
        await page.getByRole('button', { name: 'Start a new meeting' }).waitFor();
        await expectNoBlockingViolations(page, `home (${colorScheme})`);

        await page.goto(`${parley.url}/r/${newRoomId()}?${LOW_VIDEO}`);
        await page.locator('video[data-local]').waitFor({ timeout: 15_000 });
        await expectNoBlockingViolations(page, `lobby (${colorScheme})`);
      } finally {
        await context.close();
      }
    }, 90_000);
  }

  it('finds no serious violations in a call: the grid, with the chat open, and with Settings open', async () => {
    const room = newRoomId();
    const ada = await newParticipant(browser);
    const bob = await newParticipant(browser);
    try {
      await joinRoom(ada, parley.url, room, 'Ada');
      await joinRoom(bob, parley.url, room, 'Bob');
      const page = ada.page;
      await page.getByRole('group', { name: 'Bob', exact: true }).waitFor({ timeout: 15_000 });
      await expectNoBlockingViolations(page, 'call grid');

      // Screen readers hear, politely, who came and what others write (the chat's live region, panel closed or open).
      const announcer = page.locator('[aria-live="polite"][data-chat-announcer]');
      await expectAsync(announcer.getByText('Bob joined').waitFor({ state: 'attached', timeout: 20_000 })).toBeResolved();
      await openChat(bob.page);
      await sendChat(bob.page, 'Can everyone hear me?');
      await expectAsync(announcer.getByText('Bob: Can everyone hear me?').waitFor({ state: 'attached', timeout: 20_000 })).toBeResolved();
      // A tile says what the person is doing, after their name.
      const bobTile = page.getByRole('group', { name: 'Bob', exact: true });
      const described = await bobTile.evaluate((tile) => document.getElementById(tile.getAttribute('aria-describedby') ?? '')?.textContent);
      expect(described).toBe('Microphone on, camera on');

      await openChat(page);
      await expectNoBlockingViolations(page, 'call with chat open');
      await page.getByRole('button', { name: 'Close chat' }).click();

      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('dialog', { name: 'Settings' }).waitFor();
      await expectNoBlockingViolations(page, 'call with Settings open');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: /^Participants/ }).click();
      await page.getByRole('complementary', { name: 'Participants' }).waitFor();
      await expectNoBlockingViolations(page, 'call with participants open');
      expect(ada.errors).toEqual([]);
    } finally {
      await ada.context.close();
      await bob.context.close();
    }
  }, 120_000);
});
