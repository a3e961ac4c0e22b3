// What simulcast layers a page sends and which one it receives, read from
// WebRTC stats of the peer connections e2e/support/stack.mjs records.

/** The publisher's outbound video layers, by rid: sent size and whether frames go out. */
export function outboundLayers(page) {
  return page.evaluate(async () => {
    const layers = {};
    for (const pc of window.__parleyPcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'outbound-rtp' && s.kind === 'video' && s.rid) {
          layers[s.rid] = { width: s.frameWidth ?? 0, height: s.frameHeight ?? 0, framesSent: s.framesSent ?? 0 };
        }
      });
    }
    return layers;
  });
}

/** The frame width of `name`'s camera as this page decodes it, or 0. */
export function receivedWidth(page, name) {
  return page.evaluate(async (who) => {
    const tile = [...document.querySelectorAll('[role="group"][data-participant-id]')].find((g) => g.getAttribute('aria-label') === who);
    const track = tile?.querySelector('video[data-source="camera"]')?.srcObject?.getVideoTracks?.()[0];
    if (!track) return 0;
    for (const pc of window.__parleyPcs) {
      if (pc.connectionState === 'closed') continue;
      let width = 0;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video' && s.trackIdentifier === track.id) width = s.frameWidth ?? 0;
      });
      if (width) return width;
    }
    return 0;
  }, name);
}
