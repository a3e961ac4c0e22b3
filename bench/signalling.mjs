// 3. Signalling at scale, no media: `clients` Socket.IO clients from Node
// (socket.io-client, the protocol version from @parley/protocol) spread over
// `rooms` rooms join (they never publish), then chat in a saturation ramp:
// every client sends at a rate that rises step by step until the fan-out p99
// (send → each other member's `chat.message`, one process and one clock)
// passes 50 ms (two steps in a row) or a delivery goes missing (bench/lib/signalling-ramp.mjs).
// The capacity is the last good step: its deliveries per second and per
// CPU-second the gateways spent, its fan-out p50/p99 and the gateways'
// event-loop lag p99. Each setup runs on the same Janus: one gateway on
// SQLite (`sqlite`), or N gateways over one Redis (`redis-N`), the members of
// every room spread over the gateways.
import { PROTOCOL_VERSION, newRoomId } from '@parley/protocol';
import { io } from 'socket.io-client';
import { procSample } from './lib/proc.mjs';
import { cpuOf, FANOUT_P99_LIMIT_MS, runRamp } from './lib/signalling-ramp.mjs';
import { benchGateway, benchJanus, benchRedis, withStack } from './lib/stack.mjs';
import { fmt, mib, percentile } from './lib/stats.mjs';

/** Under the gateway's 20 requests/s per socket (burst 60). */
const MAX_CHAT_RATE = 16;
/**
 * The ramp's gateways take chat up to this rate per participant (the default,
 * 5/s with a burst of 10, protects people from a flood; here it would cap the
 * ramp before the gateway does).
 */
const BENCH_CHAT_LIMIT = { CHAT_RATE_PER_SECOND: String(MAX_CHAT_RATE + 4), CHAT_BURST: String(4 * MAX_CHAT_RATE) };

/** `sqlite`, or `redis-N` for N gateways over one Redis. */
export function parseSignallingSetup(setup) {
  if (setup === 'sqlite') return { name: setup, gateways: 1, redis: false };
  const m = /^redis-([1-9])$/.exec(setup);
  if (!m) throw new Error(`unknown signalling setup ${setup}; choose from sqlite, redis-1 … redis-9`);
  return { name: setup, gateways: Number(m[1]), redis: true };
}

const describeSetup = (setup) =>
  setup.redis ? `${setup.gateways === 1 ? 'one gateway' : `${setup.gateways} gateways`} over Redis` : 'one gateway on SQLite';

/**
 * `rates`: the ramp's steps, messages per second per client (each at most
 * 16); each step lasts `chatSeconds`.
 */
export async function signallingBenchmark({ clients, rooms, concurrency, chatSeconds, rates, setups = ['sqlite'], logFile, log }) {
  for (const rate of rates) if (!(rate > 0 && rate <= MAX_CHAT_RATE)) throw new Error(`a ramp step of ${rate} messages/s per client is outside (0, ${MAX_CHAT_RATE}]`);
  const parsed = setups.map(parseSignallingSetup);
  return withStack(async (use) => {
    const janus = await use(benchJanus(logFile));
    const runs = [];
    for (const setup of parsed) {
      log(`  signalling: ${describeSetup(setup)}`);
      runs.push({ setup, ...(await withStack((useHere) => runSetup({ janus, setup, useHere, clients, rooms, concurrency, chatSeconds, rates, log }))) });
    }
    return summarize({ clients, rooms, concurrency, rates, chatSeconds, perRoom: Math.ceil(clients / rooms), runs });
  });
}

async function runSetup({ janus, setup, useHere, clients, rooms, concurrency, chatSeconds, rates, log }) {
  const perRoom = Math.ceil(clients / rooms);
  const redis = setup.redis ? await useHere(benchRedis()) : null;
  const env = { ROOM_MAX_PARTICIPANTS: String(Math.max(8, perRoom)), ...BENCH_CHAT_LIMIT, ...(redis ? { REDIS_URL: redis.url } : {}) };
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

    // Chat: a saturation ramp (bench/lib/signalling-ramp.mjs).
    const ramp = await runRamp({ members, rates, seconds: chatSeconds, gateways, redisPid: redis?.pid ?? null, log });
    const all = ramp.steps;
    log(`  signalling: ${all.reduce((n, s) => n + s.delivered, 0)}/${all.reduce((n, s) => n + s.expected, 0)} chat deliveries over ${all.length} steps`);
    return { joined, joinSeconds, joinCpu, connectMs, joinMs, joinErrors: Object.fromEntries(joinErrors), rssJoined, ...ramp };
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

const errorsOf = (map) => Object.entries(map).map(([code, n]) => `${n}× ${code}`).join(', ') || 'none';
const lagOf = (step) => (step?.loopLagP99 === null || step === undefined ? '?' : fmt(step.loopLagP99, 1));

/** One ramp step as a table row. */
function stepRow(step, perRoom, clients) {
  return [
    `${step.rate}/s`,
    fmt(clients * step.rate * (perRoom - 1), 0),
    `${step.delivered}/${step.expected}${step.deliveredUnacked > 0 ? ` (+${step.deliveredUnacked} of unacked sends)` : ''}`,
    String(step.lost),
    String(step.duplicates),
    fmt(step.fanoutP50, 1),
    fmt(step.fanoutP99, 1),
    fmt(step.ackP99, 1),
    lagOf(step),
    fmt(step.generatorLagP99, 1),
    fmt(step.cpu, 2),
    `${fmt(100 * step.gatewayCoreShare, 0)} %`,
    fmt(step.deliveriesPerSecond, 0),
    fmt(step.perGatewayCpuSecond, 0),
    step.good ? 'good' : errorsOf(step.errors) === 'none' ? 'past the limit' : errorsOf(step.errors),
  ];
}

function summarize(all) {
  const setupNames = all.runs.map(({ setup }) => describeSetup(setup));
  const tables = all.runs.flatMap(({ setup, ...r }) => {
    const cpuHeader = setup.gateways === 1 ? 'gateway CPU-s' : `${setup.gateways} gateways' CPU-s`;
    return [
      {
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
        ],
      },
      {
        caption: `Chat ramp, \`${setup.name}\` (${all.chatSeconds} s a step; fan-out p99 limit ${FANOUT_P99_LIMIT_MS} ms)`,
        headers: ['per client', 'offered deliveries/s', 'delivered', 'lost', 'dup', 'fan-out p50 ms', 'p99 ms', 'ack p99 ms', 'loop lag p99 ms', 'load gen. lag p99 ms', cpuHeader, 'core per gateway', 'deliveries/s', 'per gateway CPU-s', 'step'],
        rows: r.steps.map((step) => stepRow(step, all.perRoom, r.joined)),
      },
    ];
  });
  const capacityRows = all.runs.map(({ setup, capacity, steps }) => {
    const delivered = steps.reduce((n, s) => n + s.delivered, 0);
    const expected = steps.reduce((n, s) => n + s.expected, 0);
    const duplicates = steps.reduce((n, s) => n + s.duplicates, 0);
    if (capacity === null) return [`\`${setup.name}\``, 'no good step', '', '', '', '', '', '', `${delivered}/${expected}, ${duplicates} dup`];
    return [
      `\`${setup.name}\``,
      `${capacity.rate}/s`,
      fmt(capacity.deliveriesPerSecond, 0),
      fmt(capacity.deliveriesPerSecond / setup.gateways, 0),
      fmt(capacity.perGatewayCpuSecond, 0),
      fmt(capacity.fanoutP50, 1),
      fmt(capacity.fanoutP99, 1),
      lagOf(capacity),
      `${delivered}/${expected}, ${duplicates} dup`,
    ];
  });
  tables.push({
    caption: 'Capacity: the last good step of each ramp',
    headers: ['setup', 'per client', 'deliveries/s', 'per gateway', 'per gateway CPU-s', 'fan-out p50 ms', 'p99 ms', 'loop lag p99 ms', 'all steps delivered'],
    rows: capacityRows,
  });
  const notes = [
    `Chat ramp: every client sends at each step's rate (${all.rates.join(', ')} messages/s, start times spread) for ${all.chatSeconds} s, then the step waits for its acks and up to 5 s for its deliveries; each message goes to the ${all.perRoom - 1} others in its room and is stored (SQLite, or Redis). The ramp stops after two steps in a row whose fan-out p99 passes ${FANOUT_P99_LIMIT_MS} ms (one alone can be another process taking the cores), or after a step that lost, duplicated or had a send refused; the capacity is the good step with the highest rate. The bench's gateways take chat up to ${BENCH_CHAT_LIMIT.CHAT_RATE_PER_SECOND}/s per participant (CHAT_RATE_PER_SECOND; 5 by default).`,
    'Per gateway CPU-s: deliveries over the CPU-seconds the gateways spent in the step (summed over them); core per gateway: the mean share of one core each used. Loop lag p99: the worst gateway\'s event-loop delay p99 over the step, measured inside it (nodejs_eventloop_lag_p99_seconds on /metrics, less the 10 ms interval it samples at). The load generator is this Node process, on the same machine: its own loop lag p99 is beside the gateways\' (when it lags, fan-out times grow without the gateways being slow), its CPU in the notes below.',
    ...all.runs.map(
      ({ setup, ...r }) =>
        `${describeSetup(setup)}: gateway RSS with everyone joined ${fmt(mib(r.rssJoined), 1)} MiB${setup.gateways > 1 ? ' (summed)' : ''}; ` +
        `per step, load generator ${r.steps.map((s) => s.loadCpu.toFixed(1)).join(' / ')} CPU-s` +
        `${setup.redis ? `, redis-server ${r.steps.map((s) => (s.redisCpu ?? 0).toFixed(2)).join(' / ')} CPU-s` : ''}; join errors ${errorsOf(r.joinErrors)}.`,
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
