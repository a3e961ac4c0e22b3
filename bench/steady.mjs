// 2. A steady 8-person call: every participant publishes the same fake camera
// and microphone and watches the others; over `duration` seconds we read
// Janus's and the gateway's CPU and RSS from /proc, Chromium's (all eight
// clients together), and per client the inbound video bitrate, frame rate and
// decoded resolution from getStats. Three setups, one after the other on a
// fresh Janus and gateway each: Parley with layer selection, Janus's demo at
// its defaults, Parley with layer selection off (?e2e-layers=off).
import { descendants, startSampler } from './lib/proc.mjs';
import { inboundDelta, inboundVideo, newPage, waitProbe } from './lib/browser.mjs';
import { benchChromium, benchDemoServer, benchGateway, benchJanus, ADMIN_KEY, withStack } from './lib/stack.mjs';
import { firstLine, fmt, mean, mib } from './lib/stats.mjs';
import { demo, parley } from './lib/systems.mjs';

const NAMES = ['Ada', 'Bob', 'Cyd', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon', 'Kim', 'Lea'];
const SETTLE_MS = 5_000;

export const STEADY_SETUPS = ['parley', 'demo', 'parley-layers-off'];

export async function steadyBenchmark({ people = 8, durationSeconds, video, setups = STEADY_SETUPS, logFile, log }) {
  const results = [];
  for (const key of setups) {
    try {
      results.push(await oneSteady(key, { people, durationSeconds, video, logFile, log }));
    } catch (error) {
      results.push({ key, error: firstLine(error) });
      log(`  steady ${key}: failed (${firstLine(error)})`);
    }
  }
  return summarize(results, { people, durationSeconds, video });
}

async function oneSteady(key, { people, durationSeconds, video, logFile, log }) {
  return withStack(async (use) => {
    const janus = await use(benchJanus(logFile));
    const gateway = await use(benchGateway(janus, { ROOM_MAX_PARTICIPANTS: String(Math.max(8, people)) }));
    const server = key === 'demo' ? await use(benchDemoServer(janus.url)) : null;
    const { browser } = await use(benchChromium());
    const system =
      key === 'demo'
        ? demo({ url: server.url, janusUrl: janus.url, adminKey: ADMIN_KEY, video, maxPublishers: Math.max(8, people) })
        : parley({ url: gateway.url, video, layers: key === 'parley' });
    const room = await system.newRoom();
    const pages = [];
    try {
      for (let i = 0; i < people; i++) {
        const person = await newPage(browser, system.pageOptions);
        pages.push(person);
        await system.enter(person.page, room.id, NAMES[i]);
        await system.join(person.page);
        await waitProbe(person.page, (s) => s.marks.publisherIce !== undefined, 30_000);
      }
      const expected = system.visible(people - 1);
      const shown = await Promise.all(pages.map(({ page }) => waitProbe(page, (s) => s.frames.length >= expected, 60_000, 500)));
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

      // Chromium = every process under ours that is not Janus, the gateway or theirs.
      const servers = new Set([janus.pid, gateway.pid, ...descendants(janus.pid), ...descendants(gateway.pid)]);
      const chromium = () => descendants(process.pid).filter((pid) => !servers.has(pid));
      const sampler = startSampler({ janus: janus.pid, gateway: gateway.pid, chromium });
      const before = await Promise.all(pages.map(({ page }) => inboundVideo(page)));
      await new Promise((resolve) => setTimeout(resolve, durationSeconds * 1000));
      const after = await Promise.all(pages.map(({ page }) => inboundVideo(page)));
      const processes = sampler.stop();

      const clients = after.map((a, i) => ({ ...inboundDelta(before[i], a), videosShown: shown[i].frames.length }));
      log(`  steady ${system.label}: ${clients.map((c) => Math.round(c.kbps)).join(', ')} kbit/s per client`);
      return { key, label: system.label, processes, clients, expectedVideos: expected };
    } finally {
      for (const { page } of pages) await system.leave(page);
      for (const person of pages) await person.close();
      await room.destroy();
    }
  });
}

function histogram(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([v, n]) => `${n}× ${v}`).join(', ') || '—';
}

function summarize(results, { people, durationSeconds, video }) {
  const rows = results.map((r) => {
    if (r.error) return [r.key, 'failed', '', '', '', '', '', '', '', '', ''];
    const p = r.processes;
    const kbps = r.clients.map((c) => c.kbps);
    return [
      r.label,
      fmt(p.janus.cpuPercent, 1, ' %'),
      fmt(mib(p.janus.rssMeanBytes), 1, ' MiB'),
      fmt(p.gateway.cpuPercent, 1, ' %'),
      fmt(mib(p.gateway.rssMeanBytes), 1, ' MiB'),
      fmt(p.chromium.cpuPercent, 0, ' %'),
      fmt(mean(kbps)),
      `${fmt(Math.min(...kbps))}–${fmt(Math.max(...kbps))}`,
      fmt(mean(r.clients.map((c) => c.fps)), 0),
      fmt(mean(r.clients.map((c) => c.decoding)), 1),
      histogram(r.clients.flatMap((c) => c.resolutions)),
    ];
  });
  return {
    name: 'steady',
    title: `2. Steady ${people}-person call, ${durationSeconds} s (${video} fake camera, 1280×800 each)`,
    tables: [
      {
        headers: ['setup', 'Janus CPU', 'Janus RSS', 'gateway CPU', 'gateway RSS', 'Chromium CPU', 'in kbit/s/client', 'min–max', 'fps/client', 'streams', 'decoded sizes (all clients)'],
        rows,
      },
    ],
    notes: [
      `CPU is % of one core over the window (/proc/<pid>/stat); RSS the mean of 1 s VmRSS samples. Chromium = all ${people} clients (one browser, a context each).`,
      'in kbit/s/client = inbound video over all of a client’s peer connections; fps/client = decoded frames/s summed over its streams; streams = remote videos decoding.',
      'Janus demo: no simulcast (its default; ?simulcast=yes turns it on), one subscriber PC per remote feed, 5 remote feeds rendered (at 8 people the 6th and 7th are received with no <video>); the gateway runs idle beside it.',
      'Parley, layers off: no media.view reports, so Janus forwards its default (top) layer of every stream and pauses none.',
      ...results.filter((r) => r.error).map((r) => `${r.key} failed: ${r.error}`),
    ],
    data: { results },
  };
}
