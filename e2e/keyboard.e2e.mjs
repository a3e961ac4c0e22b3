// e2e-load: call
// The call by keyboard alone, in a real call: every shortcut does what the
// help says and none fires while typing in the chat; Escape closes panels and
// dialogs, focus stays in a dialog and comes back where it was; Tab reaches
// every control in a sensible order, each with a visible focus ring.
import { newRoomId } from '@parley/protocol';
import { joinRoom, openChat } from './support/chat.mjs';
import { launchChromium, newParticipant, sharedParley } from './support/stack.mjs';

/** Name, role and focus-ring facts of the focused element (or null on <body>). */
function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    // The chat box shows focus on its frame (:focus-within), not on the bare textarea.
    const frame = element.parentElement ? getComputedStyle(element.parentElement).borderColor : '';
    const name = element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent?.trim() ?? element.textContent?.trim() ?? '';
    return { name, tag: element.tagName.toLowerCase(), ring, frame, inDialog: element.closest('dialog') !== null };
  });
}

describe('Keyboard', () => {
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
    await joinRoom(ada, parley.url, room, 'Ada');
    await joinRoom(bob, parley.url, room, 'Bob');
    await ada.page.getByRole('group', { name: 'Bob', exact: true }).waitFor({ timeout: 15_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  /** Puts focus back on the page itself, as after a click on the video. */
  async function focusNothing(page) {
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  }

  const pressed = (page, name) => page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed');

  it('toggles the microphone (M), the camera (V) and the hand (H), as others see it', async () => {
    const page = ada.page;
    await focusNothing(page);
    await page.keyboard.press('m');
    expect(await pressed(page, 'Unmute microphone')).toBe('true');
    await bob.page.getByRole('group', { name: 'Ada', exact: true }).getByText('Microphone muted').first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('m');
    expect(await pressed(page, 'Mute microphone')).toBe('false');

    await page.keyboard.press('v');
    await page.getByRole('button', { name: 'Turn on camera', exact: true }).waitFor({ timeout: 20_000 });
    expect(await pressed(page, 'Turn on camera')).toBe('true');
    await page.keyboard.press('v');
    await page.getByRole('button', { name: 'Turn off camera', exact: true }).waitFor({ timeout: 20_000 });

    await page.keyboard.press('h');
    await page.getByRole('button', { name: 'Lower hand', exact: true }).waitFor({ timeout: 20_000 });
    await bob.page.locator('[data-hand-raised="true"]').first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('h');
    await page.getByRole('button', { name: 'Raise hand', exact: true }).waitFor({ timeout: 20_000 });
    expect(ada.errors).toEqual([]);
  }, 60_000);

  it('opens and closes the chat (C) and the participants (P); Escape closes a panel from anywhere', async () => {
    const page = ada.page;
    const chat = page.getByRole('complementary', { name: 'Chat' });
    const people = page.getByRole('complementary', { name: 'Participants' });
    await focusNothing(page);

    await page.keyboard.press('c');
    await chat.waitFor();
    await page.keyboard.press('Escape');
    await chat.waitFor({ state: 'detached' });
    expect((await focused(page))?.name).withContext('focus back on the Chat button').toMatch(/^Chat/);

    await page.keyboard.press('p');
    await people.waitFor();
    await page.keyboard.press('p');
    await people.waitFor({ state: 'detached' });

    // Escape from the control bar (not inside the panel) closes the open panel too.
    await page.keyboard.press('p');
    await people.waitFor();
    await page.getByRole('button', { name: 'Leave call' }).focus();
    await page.keyboard.press('Escape');
    await people.waitFor({ state: 'detached' });
  }, 60_000);

  it('fires no shortcut while typing in the chat, and Ctrl+D still mutes from there', async () => {
    const page = ada.page;
    await openChat(page);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.focus();
    const text = 'mvschp? MVSCHP';
    await page.keyboard.type(text);
    expect(await box.inputValue()).toBe(text);
    expect(await pressed(page, 'Mute microphone')).toBe('false');
    expect(await pressed(page, 'Turn off camera')).toBe('false');
    expect(await pressed(page, 'Raise hand')).toBe('false');
    expect(await page.getByRole('complementary', { name: 'Participants' }).count()).toBe(0);
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBeFalse();
    expect(await page.getByRole('complementary', { name: 'Chat' }).isVisible()).toBeTrue();

    await page.keyboard.press('Control+d');
    expect(await pressed(page, 'Unmute microphone')).toBe('true');
    await page.keyboard.press('Control+d');
    expect(await pressed(page, 'Mute microphone')).toBe('false');
    await box.fill('');
    await page.keyboard.press('Escape');
    await page.getByRole('complementary', { name: 'Chat' }).waitFor({ state: 'detached' });
  }, 60_000);

  it('shows the shortcut help with "?", keeps focus inside it, ignores shortcuts there, and gives focus back on Escape', async () => {
    const page = ada.page;
    const settingsButton = page.getByRole('button', { name: 'Settings', exact: true });
    await settingsButton.focus();
    await page.keyboard.press('Shift+?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const listed = await dialog.locator('[data-shortcut] kbd').allTextContents();
    for (const key of ['M', 'V', 'C', 'P', 'H', '?', 'Esc']) expect(listed).withContext(key).toContain(key);
    const shareOffered = (await page.getByRole('button', { name: 'Share screen' }).count()) > 0;
    expect(listed.includes('S')).withContext('S is listed exactly when sharing is offered').toBe(shareOffered);

    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect((await focused(page))?.inDialog).withContext(`Tab ${i + 1} stays in the dialog`).toBeTrue();
    }
    await page.keyboard.press('m');
    expect(await pressed(page, 'Mute microphone')).withContext('M inside a dialog does nothing').toBe('false');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await focused(page))?.name).toBe('Settings');
  }, 60_000);

  it('toggles screen sharing with S where sharing is offered', async () => {
    const page = ada.page;
    const share = page.getByRole('button', { name: 'Share screen', exact: true });
    if ((await share.count()) === 0) {
      // No share control in this build or browser: S must then do nothing at all.
      await focusNothing(page);
      await page.keyboard.press('s');
      expect(await page.getByRole('button', { name: 'Stop sharing' }).count()).toBe(0);
      return;
    }
    await focusNothing(page);
    await page.keyboard.press('s');
    await page.getByRole('button', { name: 'Stop sharing', exact: true }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('s');
    await share.waitFor({ timeout: 15_000 });
  }, 60_000);

  it('reaches every control with Tab, top bar first and Leave last, each with a visible focus ring', async () => {
    const page = ada.page;
    await focusNothing(page);
    // Start where a person starts: Tab from the top of the page (a click there sets the browser's starting point).
    await page.mouse.click(2, 2);
    const seen = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now === null) break;
      if (seen.length > 0 && seen[0].name === now.name && seen[0].tag === now.tag) break;
      seen.push(now);
    }
    const names = seen.map((s) => s.name);
    console.log(`Tab order: ${names.join(' → ')}`);
    const expected = [
      'Grid layout',
      'Speaker layout',
      'Keyboard shortcuts',
      'Mute microphone',
      'Turn off camera',
      'Raise hand',
      'Participants, 2',
      'Chat',
      'Settings',
      'Leave call',
    ];
    for (const name of expected) expect(names).withContext(name).toContain(name);
    const at = (name) => names.indexOf(name);
    expect(at('Keyboard shortcuts')).toBeLessThan(at('Mute microphone'));
    expect(at('Mute microphone')).toBeLessThan(at('Turn off camera'));
    expect(at('Turn off camera')).toBeLessThan(at('Leave call'));
    expect(at('Leave call')).toBe(names.length - 1);
    for (const stop of seen) expect(stop.ring).withContext(`focus ring on ${stop.name}`).toBeTrue();
  }, 90_000);
});
