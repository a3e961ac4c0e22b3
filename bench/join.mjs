// 1. Join → first remote frame, Parley vs Janus's VideoRoom demo on the same
// Janus, for rooms of N people: N−1 are already in the room (publishing and
// watching each other), the N-th presses Join and we time, from its click, the
// first decoded frame of a remote video (requestVideoFrameCallback on the
// element the page shows) and the phases on the way (see browser.mjs probe).
import { newPage, waitProbe } from './lib/browser.mjs';
import { benchChromium, benchDemoServer, benchGateway, benchJanus, ADMIN_KEY, withStack } from './lib/stack.mjs';
import { firstLine, fmt, median, percentile } from './lib/stats.mjs';
import { demo, parley, DEMO_VISIBLE_REMOTES } from './lib/systems.mjs';

const NAMES = ['Ada', 'Bob', 'Cyd', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon', 'Kim', 'Lea', 'Max', 'Ned', 'Oli', 'Pat'];
const PHASES = [
  ['socketConnect', 'socket'],
  ['joinSent', 'join sent'],
  ['joinAck', 'join ack'],
  ['getUserMedia', 'camera'],
  ['publishOffer', 'pub offer'],
  ['publishAnswer', 'pub answer'],
  ['offerArrived', 'offer in'],
  ['subscriberOffer', 'sub offer'],
  ['subscriberAnswer', 'sub answer'],
  ['subscriberIce', 'sub ICE'],
  ['firstFrame', '1st frame'],
  ['allFrames', 'all frames'],
];

export async function joinBenchmark({ sizes, runs, video, logFile, log }) {
  return withStack(async (use) => {
    const janus = await use(benchJanus(logFile));
    const maxPublishers = Math.max(8, ...sizes);
    const gateway = await use(benchGateway(janus, { ROOM_MAX_PARTICIPANTS: String(maxPublishers) }));
    const server = await use(benchDemoServer(janus.url));
    const { browser } = await use(benchChromium());
    const systems = {
      parley: parley({ url: gateway.url, video }),
      demo: demo({ url: server.url, janusUrl: janus.url, adminKey: ADMIN_KEY, video, maxPublishers }),
    };
    const samples = [];
    for (const n of sizes) {
      for (let run = 0; run < runs; run++) {
        // Alternate who goes first, so drift in the machine's load hits both alike.
        const order = run % 2 === 0 ? ['parley', 'demo'] : ['demo', 'parley'];
        for (const key of order) {
          const sample = await oneJoin(browser, systems[key], n).catch((error) => ({ system: key, n, error: firstLine(error) }));
          samples.push({ ...sample, run });
          log(
            `  join ${systems[key].label.padEnd(10)} N=${n} run ${run + 1}/${runs}: ` +
              (sample.error ? `failed (${sample.error})` : `first frame ${fmt(sample.firstFrameMs)} ms, ${sample.shown}/${sample.expected} videos by ${fmt(sample.allFramesMs)} ms`),
          );
        }
      }
    }
    return summarize(samples, sizes, systems, video);
  });
}

/** One measured join into a room of `n` (n−1 already there). */
async function oneJoin(browser, system, n) {
  const room = await system.newRoom();
  const people = [];
  try {
    for (let i = 0; i < n - 1; i++) {
      const person = await newPage(browser, system.pageOptions);
      people.push(person);
      await system.enter(person.page, room.id, NAMES[i]);
      await system.join(person.page);
      const state = await waitProbe(person.page, (s) => s.marks.publisherIce !== undefined, 30_000);
      if (state.marks.publisherIce === undefined) throw new Error(`${NAMES[i]} did not publish within 30 s`);
    }
    // The room is settled: every one of them shows the others' videos.
    await Promise.all(
      people.map((person) => waitProbe(person.page, (s) => s.frames.length >= system.visible(n - 2), 30_000, 500)),
    );
    const measured = await newPage(browser, system.pageOptions);
    people.push(measured);
    await system.enter(measured.page, room.id, NAMES[n - 1]);
    await system.join(measured.page);
    const expected = system.visible(n - 1);
    const framed = await waitProbe(measured.page, (s) => s.frames.length >= expected, 45_000, 100);
    // The demo publishes while it subscribes: let the remaining phases land before reading them.
    const state = await waitProbe(measured.page, (s) => s.marks.publishAnswer !== undefined, 10_000);
    state.frames = framed.frames;
    return {
      system: system.key,
      n,
      firstFrameMs: state.frames[0] ?? null,
      allFramesMs: state.frames.length >= expected ? state.frames[expected - 1] : null,
      shown: state.frames.length,
      expected,
      marks: state.marks,
      pageErrors: measured.errors.slice(0, 3),
    };
  } finally {
    for (const person of people) await system.leave(person.page);
    for (const person of people) await person.close();
    await room.destroy();
  }
}

function summarize(samples, sizes, systems, video) {
  const ok = (key, n) => samples.filter((s) => s.system === key && s.n === n && !s.error);
  const rows = [];
  const phaseRows = [];
  for (const n of sizes) {
    const p = ok('parley', n).map((s) => s.firstFrameMs);
    const d = ok('demo', n).map((s) => s.firstFrameMs);
    const pAll = ok('parley', n).map((s) => s.allFramesMs);
    const dAll = ok('demo', n).map((s) => s.allFramesMs);
    const ratio = median(p) !== null && median(d) ? median(p) / median(d) : null;
    const ratio95 = percentile(p, 95) !== null && percentile(d, 95) ? percentile(p, 95) / percentile(d, 95) : null;
    rows.push([
      String(n),
      `${p.length}/${d.length}`,
      fmt(median(p)),
      fmt(percentile(p, 95)),
      fmt(median(d)),
      fmt(percentile(d, 95)),
      fmt(ratio, 2),
      fmt(ratio95, 2),
      fmt(median(pAll)),
      `${fmt(median(dAll))}${n - 1 > DEMO_VISIBLE_REMOTES ? ` (${DEMO_VISIBLE_REMOTES} of ${n - 1})` : ''}`,
    ]);
    const phases = {};
    for (const key of ['parley', 'demo']) {
      const runs = ok(key, n);
      const phase = (name) =>
        median(runs.map((s) => (name === 'firstFrame' ? s.firstFrameMs : name === 'allFrames' ? s.allFramesMs : s.marks[name] ?? null)));
      phases[key] = PHASES.map(([name]) => phase(name));
      phaseRows.push([`${systems[key].label}, N=${n}`, ...phases[key].map((ms) => fmt(ms))]);
    }
    // Where both systems pass a phase: how far into the join Parley is, against the demo.
    phaseRows.push([`P/D, N=${n}`, ...phases.parley.map((ms, i) => (ms !== null && phases.demo[i] ? fmt(ms / phases.demo[i], 2) : '—'))]);
  }
  const failures = samples.filter((s) => s.error).map((s) => `${s.system} N=${s.n} run ${s.run + 1}: ${s.error}`);
  return {
    name: 'join',
    title: `1. Join → first remote frame (ms from the click; ${video} fake camera, 1280×800)`,
    tables: [
      {
        headers: ['N', 'runs P/D', 'Parley p50', 'Parley p95', 'demo p50', 'demo p95', 'P/D p50', 'P/D p95', 'Parley all p50', 'demo all p50'],
        rows,
      },
      {
        caption:
          'Phases, median ms after the click (first occurrence of each; — = not on this path or before the click), and Parley’s as a fraction of the demo’s where both have it',
        headers: ['', ...PHASES.map(([, label]) => label)],
        rows: phaseRows,
      },
    ],
    notes: [
      'first frame = first decoded frame of any remote camera video the page shows; all = the last of them (every remote person).',
      `The demo shows at most ${DEMO_VISIBLE_REMOTES} remote videos: at N=8 it still subscribes to all 7 (one PC each) but only 5 render, and "all" is the 5th.`,
      'Parley: the lobby opens the socket and the camera before the click (socket shows —); the clock starts with the join request.',
      'Parley: the first subscriber offer comes in the join reply (offer in shows —: it arrives with the join ack), and is answered before the call view renders.',
      'Demo: its session and handle are created by Start before the click; its camera is opened after the click (camera = getUserMedia resolved).',
      ...(failures.length ? [`Failed runs: ${failures.join('; ')}`] : []),
    ],
    data: { samples },
  };
}
