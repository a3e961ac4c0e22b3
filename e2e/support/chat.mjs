// Helpers for the chat end-to-end tests: joining without much video, and
// reading and writing the chat the way a person does (by role and label).

/** Chat tests do not look at video: a tiny, slow camera keeps several browsers within two cores. */
export const LOW_VIDEO = 'e2e-video=160x90@5';

/** Opens the room, types the name, joins, and waits for the call view. */
export async function joinRoom(participant, baseUrl, room, name) {
  const { page } = participant;
  await page.goto(`${baseUrl}/r/${room}?${LOW_VIDEO}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 20_000 });
}

/** Opens the chat panel (the "Chat" button may carry an unread count in its name). */
export async function openChat(page) {
  const panel = page.getByRole('complementary', { name: 'Chat' });
  if (await panel.isVisible()) return panel;
  await page.getByRole('button', { name: /^Chat/ }).click();
  await panel.waitFor();
  return panel;
}

/** Types a message in the composer and sends it with Enter. */
export async function sendChat(page, text) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** The text of every message element in the chat, in the order shown. */
export function chatTexts(page) {
  return page.locator('parley-chat-panel [data-chat-message] parley-chat-text').allTextContents();
}

/** How many message elements show exactly `text`. */
export async function countMessages(page, text) {
  return (await chatTexts(page)).filter((t) => t === text).length;
}

/** Waits until a message showing exactly `text` is in the chat (and stored, not still sending). */
export async function waitForMessage(page, text, timeout = 15_000) {
  await page
    .locator('parley-chat-panel [data-chat-message][data-sending="false"]')
    .filter({ has: page.locator('parley-chat-text', { hasText: text }) })
    .first()
    .waitFor({ timeout });
}
