// What a participant's page is doing, in one line, for a test that waited in
// vain: which phase the call is in, what the peer connections say, what plays.
// A spec that fails with this names the page and the phase instead of a
// Jasmine timeout or a "Target page, context or browser has been closed".

/** A snapshot of one page: phase, status line, alerts, peer connections and videos. Never throws. */
export async function pageState(page) {
  if (page.isClosed()) return { phase: 'page closed' };
  try {
    return await page.evaluate(() => {
      const text = (selector) => [...document.querySelectorAll(selector)].map((el) => el.textContent?.trim()).filter(Boolean);
      const button = (name) => [...document.querySelectorAll('button')].some((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
      const phase = button('Leave call') ? 'in call' : button('Join') ? 'lobby' : button('Joining…') ? 'joining' : location.pathname;
      const videos = [...document.querySelectorAll('video[data-participant-id]')];
      return {
        phase,
        status: document.querySelector('[role="status"][data-status]')?.getAttribute('data-status') ?? null,
        alerts: text('[role="alert"]'),
        pcs: (window.__parleyPcs ?? []).map((pc) => `${pc.connectionState}/${pc.iceConnectionState}`),
        videos: videos.length,
        playing: videos.filter((v) => v.readyState >= 2 && v.videoWidth > 0).length,
        visibility: document.visibilityState,
      };
    });
  } catch (error) {
    return { phase: `unreadable (${error.message.split('\n')[0]})` };
  }
}

/** One line per named page: `name: {phase, status, …}`, for a failure message. */
export async function diagnose(named) {
  const lines = await Promise.all(Object.entries(named).map(async ([name, page]) => `  ${name}: ${JSON.stringify(await pageState(page))}`));
  return lines.join('\n');
}
