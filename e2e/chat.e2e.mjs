// e2e-load: call
// Chat between real browsers through the real gateway: both ways, history for
// late joiners, text that is never HTML, the length limit, and history that
// survives a gateway restart (same data folder).
import { newRoomId } from '@parley/protocol';
import { chatTexts, countMessages, joinRoom, openChat, sendChat, waitForMessage } from './support/chat.mjs';
import { launchChromium, newParticipant, startParley } from './support/stack.mjs';

describe('Chat in a meeting', () => {
  let parley;
  let browser;
  let ada;
  let bob;
  let cleo;
  const dialogs = [];
  const room = newRoomId();
  const hello = 'Hello from Ada, see https://example.com/agenda';
  const reply = 'Hi Ada, Bob here';
  const markup = '<img src=x onerror=alert(1)>';

  beforeAll(async () => {
    parley = await startParley();
    browser = await launchChromium();
    ada = await newParticipant(browser);
    bob = await newParticipant(browser);
    cleo = await newParticipant(browser);
    for (const { page } of [ada, bob, cleo]) page.on('dialog', (dialog) => (dialogs.push(dialog.message()), dialog.dismiss()));
    // Specs run in random order: each needs only Ada and Bob in the room.
    await joinRoom(ada, parley.url, room, 'Ada');
    await joinRoom(bob, parley.url, room, 'Bob');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  it('carries messages both ways, shows history to a late joiner in order, and keeps markup as text', async () => {
    await openChat(ada.page);

    // Bob's chat is closed: the button counts what he has not read.
    const closeBobs = bob.page.getByRole('button', { name: 'Close chat' });
    if (await closeBobs.isVisible()) await closeBobs.click();
    await sendChat(ada.page, hello);
    await bob.page.getByRole('button', { name: 'Chat, 1 unread' }).waitFor({ timeout: 20_000 });
    await openChat(bob.page);
    await waitForMessage(bob.page, hello);
    const link = bob.page.locator('parley-chat-panel a', { hasText: 'https://example.com/agenda' });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    await sendChat(bob.page, reply);
    await waitForMessage(ada.page, reply);

    await sendChat(ada.page, markup);
    await waitForMessage(bob.page, markup);
    expect(await bob.page.locator('parley-chat-panel img').count()).withContext('no <img> element from chat text').toBe(0);

    await joinRoom(cleo, parley.url, room, 'Cleo');
    await openChat(cleo.page);
    await waitForMessage(cleo.page, markup);
    const seen = await chatTexts(cleo.page);
    expect(seen.indexOf(hello)).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf(hello)).toBeLessThan(seen.indexOf(reply));
    expect(seen.indexOf(reply)).toBeLessThan(seen.indexOf(markup));
    expect(await cleo.page.locator('parley-chat-panel img').count()).toBe(0);
    // System lines say who came, set apart from messages.
    expect(await cleo.page.locator('parley-chat-panel [data-chat-system]', { hasText: 'Cleo joined' }).count()).toBe(1);
    expect(dialogs).toEqual([]);
  }, 90_000);

  it('refuses a message over 2000 characters with the error shown and the text kept', async () => {
    await openChat(ada.page);
    await openChat(bob.page);
    const long = 'x'.repeat(2001);
    const box = ada.page.getByRole('textbox', { name: 'Message' });
    await box.fill(long);
    await box.press('Enter');
    const error = ada.page.locator('parley-chat-composer [role="alert"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('2001 characters');
    expect((await box.inputValue()).length).toBe(2001);
    expect(await countMessages(bob.page, long)).toBe(0);
    await box.fill('');
  }, 30_000);

  it('keeps the whole history across a gateway restart with the same data folder', async () => {
    const lines = ['Before the restart: one', 'Before the restart: two'];
    await openChat(ada.page);
    await openChat(bob.page);
    for (const line of lines) await sendChat(ada.page, line);
    await waitForMessage(bob.page, lines[1]);
    const before = await chatTexts(ada.page);
    await parley.restart();

    // Ada's tab reconnects by itself and resumes; her chat neither loses nor repeats anything.
    const after = 'Still here after the restart';
    await sendChat(ada.page, after);
    await waitForMessage(bob.page, after, 30_000);
    const adaAfter = await chatTexts(ada.page);
    for (const text of before) expect(adaAfter.filter((t) => t === text).length).withContext(text).toBe(1);

    // Bob leaves and joins again in a fresh page: everything he sees comes from the restarted gateway's store.
    await bob.page.reload();
    await bob.page.getByRole('button', { name: 'Join', exact: true }).click();
    await bob.page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 20_000 });
    await openChat(bob.page);
    await waitForMessage(bob.page, after);
    const seen = await chatTexts(bob.page);
    for (const text of [...before, after]) expect(seen.filter((t) => t === text).length).withContext(text).toBe(1);
    expect(seen.indexOf(lines[0])).toBeLessThan(seen.indexOf(lines[1]));
    expect(seen.indexOf(lines[1])).toBeLessThan(seen.indexOf(after));
    expect(ada.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  }, 120_000);
});
