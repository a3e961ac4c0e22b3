// 4. Memory per participant: gateway and Janus RSS (VmRSS from /proc) with
// 0, 4, 8, 16 people in one room. Signalling-only clients (Socket.IO from
// Node: each one a gateway participant and a Janus publisher handle, no
// media) for the counts given, then, on a fresh Janus and gateway, browser
// participants with media (tiny fake camera) for the smaller counts that two
// cores can carry.
import { PROTOCOL_VERSION, newRoomId } from '@parley/protocol';
import { io } from 'socket.io-client';
import { newPage, waitProbe } from './lib/browser.mjs';
import { settledRss } from './lib/proc.mjs';
import { benchChromium, benchGateway, benchJanus, withStack } from './lib/stack.mjs';
import { fmt, mib } from './lib/stats.mjs';
import { parley } from './lib/systems.mjs';

const SETTLE_MS = 2_000;

export async function memoryBenchmark({ counts, mediaCounts, video, logFile, log }) {
  const max = Math.max(8, ...counts, ...mediaCounts);
  const signalling = await withStack(async (use) => {
    const janus = await use(benchJanus(logFile));
    const gateway = await use(benchGateway(janus, { ROOM_MAX_PARTICIPANTS: String(max) }));
    const room = newRoomId();
    const sockets = [];
    const points = [];
    try {
      for (const count of [...counts].sort((a, b) => a - b)) {
        while (sockets.length < count) {
          const socket = await connect(gateway.url);
          sockets.push(socket);
          const ack = await socket.timeout(15_000).emitWithAck('room.join', { room, name: `Mem ${sockets.length}` });
          if (!ack.ok) throw new Error(`join ${sockets.length}: ${ack.error.code}`);
        }
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        points.push({ count, gateway: await settledRss(gateway.pid), janus: await settledRss(janus.pid) });
        log(`  memory (signalling) ${count}: gateway ${fmt(mib(points.at(-1).gateway), 1)} MiB, Janus ${fmt(mib(points.at(-1).janus), 1)} MiB`);
      }
    } finally {
      for (const socket of sockets) socket.close();
    }
    return points;
  });

  let media = [];
  if (mediaCounts.length > 0) {
    media = await withStack(async (use) => {
      const janus = await use(benchJanus(logFile));
      const gateway = await use(benchGateway(janus, { ROOM_MAX_PARTICIPANTS: String(max) }));
      const { browser } = await use(benchChromium());
      const system = parley({ url: gateway.url, video });
      const room = newRoomId();
      const people = [];
      const points = [];
      try {
        for (const count of [...mediaCounts].sort((a, b) => a - b)) {
          while (people.length < count) {
            const person = await newPage(browser, system.pageOptions);
            people.push(person);
            await system.enter(person.page, room, `Mem${people.length}`);
            await system.join(person.page);
            await waitProbe(person.page, (s) => s.marks.publisherIce !== undefined, 30_000);
          }
          await Promise.all(people.map(({ page }) => waitProbe(page, (s) => s.frames.length >= count - 1, 30_000, 500)));
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
          points.push({ count, gateway: await settledRss(gateway.pid), janus: await settledRss(janus.pid) });
          log(`  memory (media) ${count}: gateway ${fmt(mib(points.at(-1).gateway), 1)} MiB, Janus ${fmt(mib(points.at(-1).janus), 1)} MiB`);
        }
      } finally {
        for (const { page } of people) await system.leave(page);
        for (const person of people) await person.close();
      }
      return points;
    });
  }
  return summarize(signalling, media, video);
}

function connect(url) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth: { v: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, timeout: 10_000, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

function rows(label, points) {
  const base = points.find((p) => p.count === 0) ?? points[0];
  return points.map((p) => [
    label,
    String(p.count),
    fmt(mib(p.gateway), 1),
    p.count > 0 && base ? fmt((p.gateway - base.gateway) / 1024 / p.count, 0) : '—',
    fmt(mib(p.janus), 1),
    p.count > 0 && base ? fmt((p.janus - base.janus) / 1024 / p.count, 0) : '—',
  ]);
}

function summarize(signalling, media, video) {
  return {
    name: 'memory',
    title: '4. Memory per participant (one room)',
    tables: [
      {
        headers: ['clients', 'people', 'gateway RSS MiB', 'gateway KiB/person', 'Janus RSS MiB', 'Janus KiB/person'],
        rows: [...rows('signalling only', signalling), ...rows(`browsers, ${video}`, media)],
      },
    ],
    notes: [
      'RSS = mean of 3 VmRSS samples 300 ms apart, 2 s after the last join; KiB/person = (RSS − RSS at 0) / people. Each series runs on a fresh Janus and gateway.',
      'Signalling only: each person is a gateway participant and a Janus publisher handle with no PeerConnection. Browsers: each publishes camera + microphone and subscribes to everyone else (2 PCs each).',
      'RSS includes the allocator’s retained memory and V8’s heap headroom (no forced GC), so small steps are noisy; look at the trend.',
    ],
    data: { signalling, media },
  };
}
