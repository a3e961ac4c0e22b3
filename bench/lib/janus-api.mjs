// The Janus API spoken directly from Node, only for what the benchmarks need
// outside Parley: the server's version, and the VideoRoom room that Janus's
// own demo joins (created and destroyed with the same admin key as Parley's).
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/**
 * The api_secret of the benchmark's Janus: what scripts/lib/janus.mjs's
 * startJanus gives it when not told otherwise (JANUS_API_SECRET, else the
 * committed development value), so the gateways and the demo page, which
 * read the same, reach it.
 */
export const JANUS_API_SECRET = process.env.JANUS_API_SECRET ?? 'parley-dev-api-secret';

/**
 * The VideoRoom settings Parley's gateway gives every room
 * (api/src/janus/janus-sfu.ts, JanusSfu.openRoom), copied here so the demo's
 * room is configured the same way. scripts/bench-settings.spec.mjs fails when
 * janus-sfu.ts changes one of these values and this copy is not updated.
 */
export const PARLEY_ROOM_SETTINGS = Object.freeze({
  bitrate: 3_500_000,
  audiocodec: 'opus',
  videocodec: 'vp8,h264',
  h264_profile: '42e01f',
  talking_events: true,
  talking_level_threshold: 35,
  talking_packets_threshold: 40,
  require_pvtid: true,
  notify_joining: false,
  is_private: true,
  permanent: false,
});

/**
 * janode's names for some create options differ from the Janus API's
 * (janode/src/plugins/videoroom-plugin.js, create()); the bench speaks the
 * Janus API, so it renames them as janode does.
 */
const JANODE_TO_JANUS = Object.freeze({
  max_publishers: 'publishers',
  talking_events: 'audiolevel_event',
  talking_level_threshold: 'audio_level_average',
  talking_packets_threshold: 'audio_active_packets',
  videoorient: 'videoorient_ext',
});

/** A VideoRoom `create` body for the Janus API from janode-style options. */
export function janusCreateBody(options) {
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [JANODE_TO_JANUS[key] ?? key, value]));
}

/** One short-lived Janus session with a VideoRoom handle; closed by `close()`. */
async function openHandle(url) {
  const ws = new WebSocket(url, 'janus-protocol');
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const pending = new Map();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiter = pending.get(message.transaction);
    if (!waiter || message.janus === 'ack') return;
    pending.delete(message.transaction);
    waiter(message);
  });
  const ask = (body) =>
    new Promise((resolve, reject) => {
      const transaction = randomBytes(8).toString('hex');
      const timer = setTimeout(() => reject(new Error(`Janus did not answer ${body.janus} in 10 s`)), 10_000);
      pending.set(transaction, (message) => {
        clearTimeout(timer);
        if (message.janus === 'error') reject(new Error(`Janus ${body.janus}: ${message.error?.reason}`));
        else resolve(message);
      });
      ws.send(JSON.stringify({ ...body, transaction, apisecret: JANUS_API_SECRET }));
    });
  const session = (await ask({ janus: 'create' })).data.id;
  const handle = (await ask({ janus: 'attach', session_id: session, plugin: 'janus.plugin.videoroom' })).data.id;
  return {
    ask,
    /** A synchronous VideoRoom request; rejects with Janus's error text. */
    async videoroom(body) {
      const reply = await ask({ janus: 'message', session_id: session, handle_id: handle, body });
      const data = reply.plugindata?.data ?? {};
      if (data.error) throw new Error(`VideoRoom ${body.request}: ${data.error} (${data.error_code})`);
      return data;
    },
    async close() {
      await ask({ janus: 'destroy', session_id: session }).catch(() => undefined);
      ws.close();
    },
  };
}

/** Janus's `info`: version string and the like. */
export async function janusInfo(url) {
  const ws = new WebSocket(url, 'janus-protocol');
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no info reply')), 5_000);
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ janus: 'info', transaction: 'bench-info' })));
      ws.on('message', (data) => {
        const reply = JSON.parse(String(data));
        if (reply.transaction !== 'bench-info') return;
        clearTimeout(timer);
        resolve(reply);
      });
    });
  } finally {
    ws.terminate();
  }
}

/**
 * Creates the demo's room with Parley's settings (and a secret, like
 * Parley's), `maxPublishers` publishers. The id is numeric text: the demo
 * takes `?room=` through parseInt, and Parley's Janus runs with
 * `string_ids = true`, so bench/demo/settings.js sends it back as a string.
 * Returns `destroy()`.
 */
export async function createDemoRoom(url, { adminKey, maxPublishers }) {
  const room = String(100_000 + Math.floor(Math.random() * 899_999));
  const secret = randomBytes(24).toString('base64url');
  const handle = await openHandle(url);
  try {
    await handle.videoroom({
      request: 'create',
      ...janusCreateBody({
        room,
        description: `bench-demo:${room}`,
        admin_key: adminKey,
        secret,
        max_publishers: maxPublishers,
        ...PARLEY_ROOM_SETTINGS,
      }),
    });
  } finally {
    await handle.close();
  }
  return {
    room,
    async destroy() {
      const h = await openHandle(url);
      try {
        await h.videoroom({ request: 'destroy', room, secret }).catch(() => undefined);
      } finally {
        await h.close();
      }
    },
  };
}
