// The signalling benchmark's chat phase as a saturation ramp: the offered
// chat load rises step by step (messages per second per client) until the
// fan-out p99 passes the limit, something is lost or duplicated, or a send is
// refused; the capacity is the last good step. Each step is accounted for on
// its own (every message's receivers are known, so a lost or a duplicated
// delivery is counted, never netted out), and timed on the gateways' CPU
// (/proc) and their event-loop lag (prom-client's monitorEventLoopDelay
// percentiles on /metrics, reset by each scrape, so one scrape before and one
// after a step give that step's lag inside the gateway process).
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { procSample } from './proc.mjs';
import { percentile } from './stats.mjs';

/** A step is good while the fan-out p99 stays at or under this. */
export const FANOUT_P99_LIMIT_MS = 50;

/** Sums CPU seconds over processes (null samples count 0). */
export const cpuOf = (pids) => pids.reduce((sum, pid) => sum + (procSample(pid)?.cpuSeconds ?? 0), 0);

/**
 * prom-client samples the loop with a 10 ms timer (its default
 * eventLoopMonitoringPrecision) and records the whole interval between two
 * ticks, so an idle loop reads 10 ms: the lag is what exceeds it.
 */
const LOOP_SAMPLE_INTERVAL_MS = 10;

/** The loop's delay p99 past its sampling interval, from nodejs_eventloop_lag_p99_seconds on one gateway's /metrics, in ms (null when unreadable). */
async function loopLagP99(metricsUrl) {
  try {
    const text = await (await fetch(metricsUrl)).text();
    const m = /^nodejs_eventloop_lag_p99_seconds\s+([\d.eE+-]+)/m.exec(text);
    return m ? Math.max(0, Number(m[1]) * 1000 - LOOP_SAMPLE_INTERVAL_MS) : null;
  } catch {
    return null;
  }
}

/** The worst gateway's loop-lag p99 since its previous scrape. */
async function worstLoopLag(gateways) {
  const lags = (await Promise.all(gateways.map((g) => loopLagP99(g.metricsUrl)))).filter((v) => v !== null);
  return lags.length === 0 ? null : Math.max(...lags);
}

/**
 * Listens for chat lines on every member socket, for every step: a line is
 * matched to its send by clientId, and each receiver counts once.
 */
export function chatAccounting(members) {
  /** clientId → { at, receivers: Set<index>, step } for every acked send. */
  const sent = new Map();
  for (const list of members.values()) {
    for (const { socket, index } of list) {
      socket.on('chat.message', (message) => {
        if (message.kind !== 'user') return;
        const line = sent.get(message.clientId);
        if (line === undefined) return;
        const step = line.step;
        if (line.receivers.has(index)) {
          step.duplicates++;
          return;
        }
        line.receivers.add(index);
        step.delivered++;
        step.fanoutMs.push(performance.now() - line.at);
      });
    }
  }
  return { sent };
}

/**
 * One step: every member sends `rate` lines/s for `seconds` (start times
 * spread), then the step waits for its acks and up to 5 s for its last
 * deliveries. Returns the step's figures.
 */
export async function runStep({ members, accounting, rate, seconds, gateways, redisPid }) {
  const gatewayPids = gateways.map((g) => g.pid);
  const step = { rate, sent: 0, acked: 0, expected: 0, delivered: 0, duplicates: 0, fanoutMs: [], sendAckMs: [], errors: new Map(), lines: [] };
  const fail = (code) => step.errors.set(code, (step.errors.get(code) ?? 0) + 1);
  await worstLoopLag(gateways); // resets the gateways' loop-delay histograms
  // The load generator's own loop: when it lags, fan-out times grow without the gateways being slow.
  const ownLag = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_INTERVAL_MS });
  ownLag.enable();
  const cpu0 = cpuOf(gatewayPids);
  const redisCpu0 = redisPid === null ? 0 : cpuOf([redisPid]);
  const self0 = process.cpuUsage();
  const start = performance.now();
  const intervalMs = 1000 / rate;
  const timers = [];
  const sends = [];
  for (const list of members.values()) {
    for (const { socket } of list) {
      const others = list.length - 1;
      const send = () => {
        if (performance.now() - start >= seconds * 1000) return;
        const clientId = randomUUID();
        const t = performance.now();
        const line = { at: t, receivers: new Set(), step, acked: false };
        accounting.sent.set(clientId, line);
        step.lines.push(line);
        step.sent++;
        sends.push(
          socket
            .timeout(10_000)
            .emitWithAck('chat.send', { clientId, text: `load test ${clientId.slice(0, 8)}` })
            .then((ack) => {
              if (!ack.ok) return fail(ack.error.code);
              line.acked = true;
              step.acked++;
              step.sendAckMs.push(performance.now() - t);
              step.expected += others;
            })
            .catch((error) => fail(error.message)),
        );
      };
      timers.push(
        setTimeout(() => {
          send();
          timers.push(setInterval(send, intervalMs));
        }, Math.random() * intervalMs),
      );
    }
  }
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  for (const timer of timers) clearInterval(timer);
  await Promise.all(sends);
  const drainUntil = performance.now() + 5_000;
  while (step.delivered < step.expected && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  step.wall = (performance.now() - start) / 1000;
  // Exact per line: deliveries of acked lines are what was expected; a line whose sender gave up
  // (its ack timed out) may still have been stored and delivered, and is counted apart.
  step.delivered = 0;
  step.deliveredUnacked = 0;
  for (const line of step.lines) {
    if (line.acked) step.delivered += line.receivers.size;
    else step.deliveredUnacked += line.receivers.size;
  }
  step.cpu = cpuOf(gatewayPids) - cpu0;
  step.redisCpu = redisPid === null ? null : cpuOf([redisPid]) - redisCpu0;
  const self = process.cpuUsage(self0);
  step.loadCpu = (self.user + self.system) / 1e6;
  step.loopLagP99 = await worstLoopLag(gateways);
  ownLag.disable();
  step.generatorLagP99 = Math.max(0, ownLag.percentile(99) / 1e6 - LOOP_SAMPLE_INTERVAL_MS);
  return summarizeStep(step, gateways.length);
}

function summarizeStep(step, gatewayCount) {
  const p99 = percentile(step.fanoutMs, 99);
  const lost = step.expected - step.delivered;
  const good = step.errors.size === 0 && lost === 0 && step.duplicates === 0 && step.fanoutMs.length > 0 && p99 <= FANOUT_P99_LIMIT_MS;
  return {
    rate: step.rate,
    sent: step.sent,
    acked: step.acked,
    expected: step.expected,
    delivered: step.delivered,
    /** Deliveries of lines whose send was not acked (timed out or refused): stored after the sender gave up. */
    deliveredUnacked: step.deliveredUnacked,
    lost,
    duplicates: step.duplicates,
    fanoutP50: percentile(step.fanoutMs, 50),
    fanoutP99: p99,
    fanoutMax: percentile(step.fanoutMs, 100),
    ackP50: percentile(step.sendAckMs, 50),
    ackP99: percentile(step.sendAckMs, 99),
    wall: step.wall,
    cpu: step.cpu,
    redisCpu: step.redisCpu,
    loadCpu: step.loadCpu,
    loopLagP99: step.loopLagP99,
    generatorLagP99: step.generatorLagP99,
    deliveriesPerSecond: step.delivered / step.wall,
    perGatewayCpuSecond: step.cpu > 0 ? step.delivered / step.cpu : null,
    /** Mean share of a core each gateway used over the step. */
    gatewayCoreShare: step.cpu / step.wall / gatewayCount,
    errors: Object.fromEntries(step.errors),
    good,
  };
}

/**
 * Runs the steps in order. It stops at once after a step that lost,
 * duplicated or had a send refused, and after two steps in a row past the
 * fan-out limit: one step past it alone can be another process taking the
 * cores of a shared machine for a few seconds. The capacity is the good step
 * with the highest rate. `log` hears one line per step.
 */
export async function runRamp({ members, rates, seconds, gateways, redisPid, log }) {
  const accounting = chatAccounting(members);
  const steps = [];
  let pastLimit = 0;
  for (const rate of rates) {
    const step = await runStep({ members, accounting, rate, seconds, gateways, redisPid });
    steps.push(step);
    const lag = step.loopLagP99 === null ? '?' : step.loopLagP99.toFixed(1);
    log(
      `  signalling: ${rate}/s per client: ${step.delivered}/${step.expected} delivered, ${step.duplicates} duplicated, ` +
        `p99 ${step.fanoutP99?.toFixed(1)} ms, ${Math.round(step.perGatewayCpuSecond ?? 0)} per gateway CPU-s, loop lag p99 ${lag} ms (load generator's ${step.generatorLagP99.toFixed(1)} ms)${step.good ? '' : ' (past the limit)'}`,
    );
    accounting.sent.clear();
    if (step.lost !== 0 || step.duplicates !== 0 || Object.keys(step.errors).length > 0) break;
    pastLimit = step.good ? 0 : pastLimit + 1;
    if (pastLimit === 2) break;
  }
  const good = steps.filter((s) => s.good);
  return { steps, capacity: good.at(-1) ?? null };
}
