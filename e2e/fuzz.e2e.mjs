// e2e-load: call
// Fuzzing the real gateway (and the Janus behind it) through its only door:
// over ten thousand random and malformed requests, across every protocol
// event and some that are not, from joined and unjoined sockets, paced under
// the per-socket rate limit — while two people in another room keep talking.
// Every request must be answered with a coded ack; a payload the schema
// rejects must be answered validation.failed (or rate_limited); the gateway
// must stay up and the meeting must not notice.
//
//   PARLEY_FUZZ_SEED=<n>   replays a run (the seed is printed)
import { ERROR_CODES, checkRequest, newRoomId, requestSchemas } from '@parley/protocol';
import { joinRoom, openChat, sendChat, waitForMessage } from './support/chat.mjs';
import { UNKNOWN_EVENTS, payloadGenerator, prng } from './support/fuzz-payloads.mjs';
import { connectSocket, request } from './support/sockets.mjs';
import { launchChromium, mediaCounters, newParticipant, startParley, waitFor } from './support/stack.mjs';

const SEED = Number(process.env.PARLEY_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
const SOCKETS = 24;
const JOINED_SOCKETS = 9;
const REQUESTS_PER_SOCKET = 430;
/** Under the gateway's 20 requests/s per socket (burst 60), with room for timer jitter. */
const REQUESTS_PER_SECOND = 16;
/**
 * An ack later than this counts as never coming. Generous: on a loaded two-core
 * machine a join waits for Janus (each Janus step has its own 10 s deadline).
 */
const ACK_TIMEOUT_MS = 60_000;
/** Well under the gateway's 64 KiB maxHttpBufferSize: an oversized frame is another test's subject. */
const MAX_PAYLOAD_BYTES = 48 * 1024;
const EVENTS = Object.keys(requestSchemas);
const KNOWN_CODES = new Set(ERROR_CODES);

/** What the gateway receives: Socket.IO sends JSON, so undefined becomes null and NaN/Infinity null. */
function asSent(payload) {
  if (Buffer.isBuffer(payload)) return undefined;
  return JSON.parse(JSON.stringify([payload], (_, v) => (Buffer.isBuffer(v) ? { binary: true } : v)))[0];
}

const hasBinary = (value, depth = 0) =>
  Buffer.isBuffer(value) || (depth < 5 && typeof value === 'object' && value !== null && Object.values(value).some((v) => hasBinary(v, depth + 1)));

describe('The gateway under fuzzing', () => {
  let parley;
  let browser;
  let ada;
  let bob;
  const meetingRoom = newRoomId();

  beforeAll(async () => {
    parley = await startParley();
    browser = await launchChromium();
    ada = await newParticipant(browser);
    bob = await newParticipant(browser);
    await joinRoom(ada, parley.url, meetingRoom, 'Ada');
    await joinRoom(bob, parley.url, meetingRoom, 'Bob');
    await openChat(ada.page);
    await openChat(bob.page);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  it('answers 10,000+ random and malformed requests with coded acks while a meeting elsewhere carries on', async () => {
    console.log(`\n    fuzz seed ${SEED} (replay with PARLEY_FUZZ_SEED=${SEED})`);
    const rooms = [newRoomId(), newRoomId(), newRoomId()];

    // Joined sockets sit in the fuzz rooms (the first in each is its host); the rest stay unjoined.
    const sockets = [];
    const participantIds = [];
    for (let i = 0; i < SOCKETS; i++) {
      const socket = await connectSocket(parley.url);
      const joined = i < JOINED_SOCKETS;
      if (joined) {
        const reply = await request(socket, 'room.join', { room: rooms[i % rooms.length], name: `Fuzz ${i}` });
        expect(reply.ok).withContext(`fuzz socket ${i} joins`).toBeTrue();
        participantIds.push(reply.data.self.id);
      }
      sockets.push({ socket, joined, index: i });
    }
    // The meeting's media must flow before the fuzz, to notice if it stops.
    const start = await mediaCounters(bob.page);
    await waitFor(() => mediaCounters(bob.page), (now) => now.videoFramesDecoded > start.videoFramesDecoded + 10, 20_000);

    const outcomes = new Map();
    const byEvent = new Map();
    const problems = [];
    const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
    let sent = 0;
    /** The slowest acks, to show where time goes. */
    const slowest = [];
    let unexpectedDisconnects = 0;

    /** One socket's share: its own seeded stream of events and payloads, paced. */
    async function fuzzFrom({ socket, joined, index }) {
      const random = prng(SEED + index);
      const next = payloadGenerator(random, { rooms, participantIds });
      socket.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') {
          unexpectedDisconnects += 1;
          problems.push(`socket ${index} was disconnected (${reason})`);
        }
      });
      const pending = [];
      const startedAt = Date.now();
      for (let n = 0; n < REQUESTS_PER_SOCKET; n++) {
        const unknown = random() < 0.1;
        const event = unknown ? UNKNOWN_EVENTS[Math.floor(random() * UNKNOWN_EVENTS.length)] : EVENTS[n % EVENTS.length];
        let payload = next(event);
        if (JSON.stringify(asSent(payload) ?? null).length > MAX_PAYLOAD_BYTES) payload = { oversized: true };
        // Binary attachments arrive as Buffers, which the client cannot judge the way the gateway's zod does.
        const predictedValid = unknown || hasBinary(payload) ? null : checkRequest(event, asSent(payload)).ok;
        sent += 1;
        const sentAt = Date.now();
        pending.push(
          socket
            .timeout(ACK_TIMEOUT_MS)
            .emitWithAck(event, payload)
            .then(
              (ack) => {
                slowest.push({ ms: Date.now() - sentAt, event, code: ack?.ok ? 'ok' : ack?.error?.code });
                slowest.sort((a, b) => b.ms - a.ms).splice(5);
                judge({ event, unknown, predictedValid, ack, joined });
              },
              () => {
                count(outcomes, 'no ack');
                problems.push(`no ack for ${event} from socket ${index}`);
              },
            ),
        );
        // Pace against the clock, not per send, so slow sends do not pile up into a burst.
        const due = startedAt + ((n + 1) * 1000) / REQUESTS_PER_SECOND;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      }
      await Promise.all(pending);
    }

    function judge({ event, unknown, predictedValid, ack }) {
      const valid = typeof ack === 'object' && ack !== null && typeof ack.ok === 'boolean';
      if (!valid) {
        count(outcomes, 'malformed ack');
        problems.push(`${event}: malformed ack ${JSON.stringify(ack)?.slice(0, 120)}`);
        return;
      }
      const code = ack.ok ? 'ok' : ack.error?.code;
      count(outcomes, code);
      count(byEvent, `${unknown ? '(unknown)' : event} ${code}`);
      if (!ack.ok && (!KNOWN_CODES.has(code) || typeof ack.error.message !== 'string')) {
        problems.push(`${event}: unknown error code ${JSON.stringify(ack.error)}`);
      }
      if (unknown && code !== 'protocol.unknown_event') problems.push(`unknown event ${JSON.stringify(event)} answered ${code}`);
      if (predictedValid === false && code !== 'validation.failed' && code !== 'rate_limited') {
        problems.push(`${event}: a payload the schema rejects was answered ${code}`);
      }
      if (code === 'internal') problems.push(`${event}: internal error`);
    }

    // The meeting, watched while the fuzz runs: decoded frames rise in every window, and chat gets through.
    let fuzzing = true;
    const windows = [];
    const watchMeeting = (async () => {
      let before = await mediaCounters(bob.page);
      while (fuzzing) {
        await new Promise((resolve) => setTimeout(resolve, 4_000));
        const now = await mediaCounters(bob.page);
        windows.push(now.videoFramesDecoded - before.videoFramesDecoded);
        before = now;
      }
    })();
    const chatLine = `Still here during the fuzz (seed ${SEED})`;
    const chatDuringFuzz = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      await sendChat(ada.page, chatLine);
      await waitForMessage(bob.page, chatLine, 20_000);
      return true;
    })();

    const startedAt = Date.now();
    let chatArrived = false;
    try {
      await Promise.all(sockets.map(fuzzFrom));
    } finally {
      chatArrived = await chatDuringFuzz.catch((error) => (problems.push(`chat during the fuzz: ${error.message}`), false));
      fuzzing = false;
      await watchMeeting.catch((error) => problems.push(`watching the meeting: ${error.message}`));
      for (const { socket } of sockets) socket.close();
    }
    const seconds = (Date.now() - startedAt) / 1000;

    const table = [...outcomes.entries()].sort((a, b) => b[1] - a[1]);
    const acked = table.filter(([code]) => code !== 'no ack' && code !== 'malformed ack').reduce((n, [, c]) => n + c, 0);
    console.log(`    ${sent} requests from ${SOCKETS} sockets (${JOINED_SOCKETS} joined) in ${seconds.toFixed(1)} s, ${acked} acked; by outcome:`);
    for (const [code, n] of table) console.log(`      ${code.padEnd(24)} ${n}`);
    console.log(`    meeting video frames decoded per 4 s window during the fuzz: ${windows.join(', ')}`);
    console.log(`    slowest acks: ${slowest.map((s) => `${s.event} ${s.code} ${s.ms} ms`).join('; ')}`);
    if (problems.length > 0) console.log(`    problems (first 20):\n      ${problems.slice(0, 20).join('\n      ')}`);

    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(acked).withContext('every request acked').toBe(sent);
    expect(problems).toEqual([]);
    expect(unexpectedDisconnects).toBe(0);
    // Every protocol event was tried, and answered.
    for (const event of EVENTS) expect([...byEvent.keys()].some((key) => key.startsWith(`${event} `))).withContext(event).toBeTrue();
    expect(outcomes.get('protocol.unknown_event') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('validation.failed') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('ok') ?? 0).withContext('some fuzzed requests were valid and served').toBeGreaterThan(0);

    // The gateway is up and still serves a fresh client; the meeting never froze and its chat went through.
    expect((await fetch(`${parley.url}/healthz`)).status).toBe(200);
    const fresh = await connectSocket(parley.url);
    try {
      expect((await request(fresh, 'room.join', { room: newRoomId(), name: 'After the fuzz' })).ok).toBeTrue();
    } finally {
      fresh.close();
    }
    expect(windows.length).toBeGreaterThan(0);
    for (const frames of windows) expect(frames).withContext('video frames decoded in a 4 s window').toBeGreaterThan(0);
    expect(chatArrived).withContext('chat sent during the fuzz arrived').toBeTrue();
    expect(ada.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  }, 150_000);
});
