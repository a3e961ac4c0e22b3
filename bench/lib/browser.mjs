// Headless Chromium for the benchmarks (Debian's /usr/bin/chromium through
// playwright-core, never a downloaded browser), the same flags as the e2e
// tests, and an init script that times a join from inside the page for
// Parley and for Janus's demo alike: it wraps WebSocket, RTCPeerConnection
// and getUserMedia (as e2e/support/stack.mjs wraps RTCPeerConnection) and
// watches remote <video> elements with requestVideoFrameCallback.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../e2e/support/stack.mjs';

export const CHROME = process.env.CHROME_BIN ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 800 };

export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: CHROME, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Parses `WxH@fps` into the getUserMedia constraints Parley's ?e2e-video= knob uses. */
export function videoConstraints(spec) {
  const m = /^(\d+)x(\d+)(?:@(\d+))?$/.exec(spec);
  if (!m) throw new Error(`bad video spec ${spec} (want WxH@fps)`);
  const [, w, h, fps] = m;
  return {
    width: { ideal: Number(w) },
    height: { ideal: Number(h) },
    ...(fps ? { frameRate: { ideal: Number(fps), max: Number(fps) } } : {}),
  };
}

/**
 * Runs in every page before its own scripts. `config.remoteVideos` is the CSS
 * selector of remote videos; `config.video`, when set, replaces the video
 * constraints of every getUserMedia call (used for the demo, whose janus.js
 * asks for 640×480 by default, so both sides capture the same fake camera).
 *
 * window.__bench: `arm()` makes the next click start the clock (t0, taken in
 * the click's capture phase); `marks` are ms after t0 (first occurrence of
 * each); `frames` the first decoded frame of each remote video, ms after t0.
 */
function probe(config) {
  const B = { t0: null, armed: false, marks: {}, frames: [], pcs: [], joinAckId: null };
  window.__bench = B;
  B.arm = () => {
    B.t0 = null;
    B.armed = true;
    B.marks = {};
    B.frames = [];
  };
  B.mark = (name) => {
    if (B.t0 !== null && B.marks[name] === undefined) B.marks[name] = performance.now() - B.t0;
  };
  addEventListener(
    'click',
    () => {
      if (B.armed) {
        B.armed = false;
        B.t0 = performance.now();
      }
    },
    true,
  );

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => B.mark('wsOpen'));
      this.addEventListener('message', (event) => {
        const data = typeof event.data === 'string' ? event.data : '';
        // Socket.IO: "40" is the namespace connect; "43<id>[" the ack of request <id>.
        if (data.startsWith('40')) B.mark('socketConnect');
        else if (B.joinAckId !== null && data.startsWith(`43${B.joinAckId}[`)) B.mark('joinAck');
        // Janus API (the demo): the VideoRoom "joined" event answers the publisher's join.
        else if (data.includes('"videoroom":"joined"')) B.mark('joinAck');
        // The first subscriber offer as it arrives (sub offer marks when the page applies it).
        if (data.startsWith('42["media.offer"') || (data.includes('"jsep"') && data.includes('"type":"offer"'))) B.mark('offerArrived');
      });
    }
    send(data) {
      if (typeof data === 'string') {
        const join = /^42(\d+)\["room\.join"/.exec(data);
        if (join) B.joinAckId = join[1];
        // The join leaving the page: Parley's room.join, the demo's VideoRoom join.
        if (join || (data.includes('"request":"join"') && data.includes('"ptype":"publisher"'))) B.mark('joinSent');
      }
      return super.send(data);
    }
  };

  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      B.pcs.push(this);
      B.mark('firstPeerConnection');
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'connected' || this.iceConnectionState === 'completed') {
          B.mark(this.__benchRole === 'subscriber' ? 'subscriberIce' : 'publisherIce');
        }
      });
    }
    setRemoteDescription(description, ...rest) {
      // A remote offer comes from Janus to a subscriber; a remote answer to our publisher's offer.
      if (description?.type === 'offer') {
        this.__benchRole = 'subscriber';
        B.mark('subscriberOffer');
      } else if (description?.type === 'answer') {
        this.__benchRole = 'publisher';
        B.mark('publishAnswer');
      }
      return super.setRemoteDescription(description, ...rest);
    }
    createOffer(...args) {
      B.mark('createOffer');
      return super.createOffer(...args);
    }
    setLocalDescription(...args) {
      // The answer to Janus's first subscriber offer (Parley's answer leaves through media.answer right after).
      if (this.__benchRole === 'subscriber') B.mark('subscriberAnswer');
      else if (this.__benchRole === undefined) B.mark('publishOffer');
      return super.setLocalDescription(...args);
    }
  };

  const media = navigator.mediaDevices;
  if (media?.getUserMedia) {
    const getUserMedia = media.getUserMedia.bind(media);
    media.getUserMedia = (constraints) => {
      const asked = constraints && constraints.video && config.video ? { ...constraints, video: config.video } : constraints;
      return getUserMedia(asked).then((stream) => {
        B.mark('getUserMedia');
        return stream;
      });
    };
  }

  const watched = new WeakSet();
  const watch = () => {
    for (const video of document.querySelectorAll(config.remoteVideos)) {
      if (watched.has(video)) continue;
      watched.add(video);
      const onFrame = (now) => {
        if (B.t0 !== null) B.frames.push(now - B.t0);
        else video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    }
  };
  const start = () => new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });
  if (document.documentElement) start();
  else addEventListener('DOMContentLoaded', start, { once: true });
}

/** A participant: its own context (storage, devices) in `browser`, with the probe installed. */
export async function newPage(browser, { remoteVideos, video = null }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.grantPermissions(['camera', 'microphone']);
  await context.addInitScript(probe, { remoteVideos, video });
  const page = await context.newPage();
  // Slowness is a result to report, not a reason to give up: twice Playwright's default.
  page.setDefaultTimeout(60_000);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors, close: () => context.close().catch(() => undefined) };
}

/** Polls the page's probe until `accept(state)` or `timeoutMs`; returns the last state. */
export async function waitProbe(page, accept, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let state = await readProbe(page);
  while (!accept(state) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    state = await readProbe(page);
  }
  return state;
}

export function readProbe(page) {
  return page.evaluate(() => ({
    t0: window.__bench.t0,
    marks: { ...window.__bench.marks },
    frames: [...window.__bench.frames].sort((a, b) => a - b),
  }));
}

/** Inbound video streams over every peer connection the page made: bytes, decoded frames and size of each. */
export function inboundVideo(page) {
  return page.evaluate(async () => {
    const streams = [];
    for (const [index, pc] of window.__bench.pcs.entries()) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
        streams.push({
          id: `${index}/${s.id}`,
          bytes: s.bytesReceived ?? 0,
          framesDecoded: s.framesDecoded ?? 0,
          width: s.frameWidth ?? 0,
          height: s.frameHeight ?? 0,
        });
      });
    }
    return { streams, at: performance.now(), pcs: window.__bench.pcs.filter((pc) => pc.connectionState !== 'closed').length };
  });
}

/**
 * What a page received between two inboundVideo() snapshots, stream by stream
 * (a stream that appeared in between counts from zero; one that went away is
 * left out, so a closed connection never makes a negative rate).
 */
export function inboundDelta(before, after) {
  const seconds = (after.at - before.at) / 1000;
  const previous = new Map(before.streams.map((s) => [s.id, s]));
  let bytes = 0;
  let frames = 0;
  const decoding = [];
  for (const s of after.streams) {
    const p = previous.get(s.id) ?? { bytes: 0, framesDecoded: 0 };
    bytes += Math.max(0, s.bytes - p.bytes);
    const decoded = Math.max(0, s.framesDecoded - p.framesDecoded);
    frames += decoded;
    if (decoded > 0) decoding.push(s);
  }
  return {
    seconds,
    kbps: (bytes * 8) / 1000 / seconds,
    fps: frames / seconds,
    decoding: decoding.length,
    resolutions: decoding.map((s) => `${s.width}×${s.height}`),
    peerConnections: after.pcs,
  };
}
