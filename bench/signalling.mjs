// 3. Signalling at scale, no media: `clients` Socket.IO clients from Node
// (socket.io-client, the protocol version from @parley/protocol) spread over
// `rooms` rooms join (they never publish), then each sends chat at a fixed
// rate. We time join acks, chat fan-out (send → each other member's
// `chat.message`, one process and one clock), and count deliveries per
// second and per CPU-second the gateways spent. Each setup runs on the same
// Janus: one gateway on SQLite (`sqlite`), or N gateways over one Redis
// (`redis-N`), the members of every room spread over the gateways.
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, newRoomId } from '@parley/protocol';
import { io } from 'socket.io-client';
import { procSample } from './lib/proc.mjs';
import { benchGateway, benchJanus, benchRedis, withStack } from './lib/stack.mjs';
import { fmt, mib, percentile } from './lib/stats.mjs';

/** Under the gateway's limits: 20 requests/s per socket (burst 60) and chat 5/s per participant (burst 10). */
const MAX_CHAT_RATE = 4;

/** `sqlite`, or `redis-N` for N gateways over one Redis. */
export function parseSignallingSetup(setup) {
  if (setup === 'sqlite') return { name: setup, gateways: 1, redis: false };
  const m = /^redis-([1-9])$/.exec(setup);
  if (!m) throw new Error(`unknown signalling setup ${setup}; choose from sqlite, redis-1 … redis-9`);
  return { name: setup, gateways: Number(m[1]), redis: true };
}

const describeSetup = (setup) =>
  setup.redis ? `${setup.gateways === 1 ? 'one gateway' : `${setup.gateways} gateways`} over Redis` : 'one gateway on SQLite';

export async function signallingBenchmark({ clients, rooms, concurrency, chatSeconds, chatRate, setups = ['sqlite'], logFile, log }) {
  const rate = Math.min(chatRate, MAX_CHAT_RATE);
  const parsed = setups.map(parseSignallingSetup);
  return withStack(async (use) => {
    const janus = await use(benchJanus(logFile));
    const runs = [];
    for (const setup of parsed) {
      log(`  signalling: ${describeSetup(setup)}`);
      runs.push({ setup, ...(await withStack((useHere) => runSetup({ janus, setup, useHere, clients, rooms, concurrency, chatSeconds, rate, log }))) });
    }
    return summarize({ clients, rooms, concurrency, rate, chatSeconds, perRoom: Math.ceil(clients / rooms), runs });
  });
}

/** Sums CPU seconds over processes (null samples count 0). */
const cpuOf = (pids) => pids.reduce((sum, pid) => sum + (procSample(pid)?.cpuSeconds ?? 0), 0);

async function runSetup({ janus, setup, useHere, clients, rooms, concurrency, chatSeconds, rate, log }) {
  const perRoom = Math.ceil(clients / rooms);
  const redis = setup.redis ? await useHere(benchRedis()) : null;
  const env = { ROOM_MAX_PARTICIPANTS: String(Math.max(8, perRoom)), ...(redis ? { REDIS_URL: redis.url } : {}) };
  const gateways = [];
  for (let g = 0; g < setup.gateways; g += 1) gateways.push(await useHere(benchGateway(janus, env)));
  const gatewayPids = gateways.map((g) => g.pid);
  const gatewayFor = (i) => gateways[Math.floor(i / rooms) % gateways.length];
  const roomIds = Array.from({ length: rooms }, () => newRoomId());
  const members = new Map(roomIds.map((id) => [id, []]));
  const sockets = [];
  try {
    // Join: `concurrency` clients at a time connect and send room.join.
    const connectMs = [];
    const joinMs = [];
    const joinErrors = new Map();
    const joinCpu0 = cpuOf(gatewayPids);
    const joinStart = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < clients) {
        const i = next++;
        const room = roomIds[i % rooms];
        const t0 = performance.now();
        const socket = await connect(gatewayFor(i).url).catch((error) => {
          joinErrors.set(`connect: ${error.message}`, (joinErrors.get(`connect: ${error.message}`) ?? 0) + 1);
          return null;
        });
        if (!socket) continue;
        sockets.push(socket);
        const t1 = performance.now();
        connectMs.push(t1 - t0);
        const ack = await socket.timeout(30_000).emitWithAck('room.join', { room, name: `Load ${i + 1}` }).catch((error) => ({ ok: false, error: { code: error.message } }));
        if (ack.ok) {
          joinMs.push(performance.now() - t1);
          members.get(room).push({ socket, index: i });
        } else {
          joinErrors.set(ack.error.code, (joinErrors.get(ack.error.code) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, clients) }, worker));
    const joinSeconds = (performance.now() - joinStart) / 1000;
    const joinCpu = cpuOf(gatewayPids) - joinCpu0;
    const joined = joinMs.length;
    log(`  signalling: ${joined}/${clients} joined in ${joinSeconds.toFixed(1)} s (p50 ${fmt(percentile(joinMs, 50))} ms)`);
    const rssJoined = gateways.reduce((sum, g) => sum + (procSample(g.pid)?.rssBytes ?? 0), 0) || null;

    // Chat: every joined client sends `rate` messages/s for chatSeconds, start times spread out.
    const sentAt = new Map();
    const fanoutMs = [];
    const sendAckMs = [];
    const chatErrors = new Map();
    let expected = 0;
    let delivered = 0;
    for (const list of members.values()) {
      for (const { socket } of list) {
        socket.on('chat.message', (message) => {
          if (message.kind !== 'user') return;
          const at = sentAt.get(message.clientId);
          if (at === undefined) return;
          delivered++;
          fanoutMs.push(performance.now() - at);
        });
      }
    }
    const chatCpu0 = cpuOf(gatewayPids);
    const redisCpu0 = redis ? cpuOf([redis.pid]) : 0;
    const self0 = process.cpuUsage();
    const chatStart = performance.now();
    const intervalMs = 1000 / rate;
    const timers = [];
    const sends = [];
    for (const list of members.values()) {
      for (const { socket } of list) {
        const others = list.length - 1;
        const send = () => {
          if (performance.now() - chatStart >= chatSeconds * 1000) return;
          const clientId = randomUUID();
          const t = performance.now();
          sentAt.set(clientId, t);
          sends.push(
            socket
              .timeout(10_000)
              .emitWithAck('chat.send', { clientId, text: `load test ${clientId.slice(0, 8)}` })
              .then((ack) => {
                if (ack.ok) {
                  sendAckMs.push(performance.now() - t);
                  expected += others;
                } else chatErrors.set(ack.error.code, (chatErrors.get(ack.error.code) ?? 0) + 1);
              })
              .catch((error) => chatErrors.set(error.message, (chatErrors.get(error.message) ?? 0) + 1)),
          );
        };
        const offset = Math.random() * intervalMs;
        timers.push(
          setTimeout(() => {
            send();
            timers.push(setInterval(send, intervalMs));
          }, offset),
        );
      }
    }
    await new Promise((resolve) => setTimeout(resolve, chatSeconds * 1000));
    for (const timer of timers) clearInterval(timer);
    await Promise.all(sends);
    // Let the last fan-outs land.
    const drainUntil = performance.now() + 5_000;
    while (delivered < expected && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 50));
    const chatWall = (performance.now() - chatStart) / 1000;
    const chatCpu = cpuOf(gatewayPids) - chatCpu0;
    const redisCpu = redis ? cpuOf([redis.pid]) - redisCpu0 : null;
    const self = process.cpuUsage(self0);
    const loadCpu = (self.user + self.system) / 1e6;
    log(`  signalling: ${delivered}/${expected} chat deliveries in ${chatWall.toFixed(1)} s`);

    return {
      joined,
      joinSeconds,
      joinCpu,
      connectMs,
      joinMs,
      joinErrors: Object.fromEntries(joinErrors),
      rssJoined,
      sent: sentAt.size,
      sendAckMs,
      expected,
      delivered,
      fanoutMs,
      chatWall,
      chatCpu,
      redisCpu,
      loadCpu,
      chatErrors: Object.fromEntries(chatErrors),
    };
  } finally {
    await Promise.all(
      sockets.map((socket) =>
        socket.connected ? socket.timeout(2_000).emitWithAck('room.leave', {}).catch(() => undefined).finally(() => socket.close()) : socket.close(),
      ),
    );
  }
}

function connect(url) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth: { v: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, timeout: 20_000, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

function summarize(all) {
  const errors = (map) => Object.entries(map).map(([code, n]) => `${n}× ${code}`).join(', ') || 'none';
  const setupNames = all.runs.map(({ setup }) => describeSetup(setup));
  const tables = all.runs.map(({ setup, ...r }) => {
    const chatSendSeconds = Math.min(all.chatSeconds, r.chatWall);
    const cpuHeader = setup.gateways === 1 ? 'gateway CPU-s' : `${setup.gateways} gateways' CPU-s`;
    return {
      caption: `${describeSetup(setup)} (\`${setup.name}\`)`,
      headers: ['phase', 'count', 'p50 ms', 'p99 ms', 'max ms', 'rate', cpuHeader, 'per gateway CPU-s'],
      rows: [
        ['connect (WebSocket + Socket.IO)', String(r.connectMs.length), fmt(percentile(r.connectMs, 50), 1), fmt(percentile(r.connectMs, 99), 1), fmt(percentile(r.connectMs, 100), 1), '', '', ''],
        [
          `room.join ack (${all.concurrency} at a time)`,
          `${r.joined}/${all.clients}`,
          fmt(percentile(r.joinMs, 50), 1),
          fmt(percentile(r.joinMs, 99), 1),
          fmt(percentile(r.joinMs, 100), 1),
          `${fmt(r.joined / r.joinSeconds, 0)} joins/s`,
          fmt(r.joinCpu, 2),
          `${fmt(r.joined / r.joinCpu, 0)} joins`,
        ],
        ['chat.send ack', String(r.sendAckMs.length), fmt(percentile(r.sendAckMs, 50), 1), fmt(percentile(r.sendAckMs, 99), 1), fmt(percentile(r.sendAckMs, 100), 1), `${fmt(r.sendAckMs.length / chatSendSeconds, 0)} msgs/s`, '', ''],
        [
          'chat fan-out (send → each receiver)',
          `${r.delivered}/${r.expected}`,
          fmt(percentile(r.fanoutMs, 50), 1),
          fmt(percentile(r.fanoutMs, 99), 1),
          fmt(percentile(r.fanoutMs, 100), 1),
          `${fmt(r.delivered / r.chatWall, 0)} deliveries/s`,
          fmt(r.chatCpu, 2),
          `${fmt(r.delivered / r.chatCpu, 0)} deliveries`,
        ],
      ],
    };
  });
  const notes = [
    `Chat: every client sends ${all.rate} message/s for ${all.chatSeconds} s (start times spread), under the gateway's limits (20 requests/s per socket, chat 5/s per participant); each message goes to the ${all.perRoom - 1} others in its room and is stored (SQLite, or Redis).`,
    'Deliveries/s is over the chat window plus the drain and follows the offered load (clients × rate × others in the room); what the gateways can take shows in deliveries per gateway CPU-second (CPU summed over the gateways; Redis\'s own CPU in the note below). The load generator is this Node process, on the same machine.',
    ...all.runs.map(
      ({ setup, ...r }) =>
        `${describeSetup(setup)}: gateway RSS with everyone joined ${fmt(mib(r.rssJoined), 1)} MiB${setup.gateways > 1 ? ' (summed)' : ''}` +
        `${r.redisCpu === null ? '' : `; redis-server ${fmt(r.redisCpu, 2)} CPU-s during the chat phase`}; load generator ${r.loadCpu.toFixed(1)} CPU-s; ` +
        `errors: join ${errors(r.joinErrors)}, chat ${errors(r.chatErrors)}.`,
    ),
    'Each room.join also creates the room in Janus (or adopts it, on a second gateway) and a publisher handle there (a real Janus runs behind the gateways).',
    'With several gateways, each room\'s members are spread over them (member k of a room on gateway k mod N): most chat lines and every join reach someone on another gateway through the Redis Streams adapter (see docs/scale-out.md).',
  ];
  return {
    name: 'signalling',
    title: `3. Signalling without media: ${all.clients} Socket.IO clients in ${all.rooms} rooms (${all.perRoom} per room): ${setupNames.join(', ')}`,
    tables,
    notes,
    data: all,
  };
}
