// Process and machine figures read straight from /proc (Linux): CPU time and
// resident memory of a process (or a process tree), and what the machine is.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** Clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on every Linux we run). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) and RSS bytes of one process, or null when it is gone. */
export function procSample(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS; // utime, stime
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { pid, cpuSeconds, rssBytes: rssKb * 1024, at: performance.now() };
  } catch {
    return null;
  }
}

/** Every live pid whose ancestry leads to `root` (not `root` itself). */
export function descendants(root) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone between readdir and read.
    }
  }
  const found = [];
  const walk = (pid) => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return found;
}

/** Summed CPU seconds and RSS of a set of pids (those still alive). */
export function treeSample(pids) {
  let cpuSeconds = 0;
  let rssBytes = 0;
  for (const pid of pids) {
    const s = procSample(pid);
    if (s) {
      cpuSeconds += s.cpuSeconds;
      rssBytes += s.rssBytes;
    }
  }
  return { cpuSeconds, rssBytes, at: performance.now() };
}

/**
 * Samples named processes once a second between start() and stop(): CPU as a
 * percentage of one core over the whole window, RSS as the mean and peak of
 * the samples. `targets` maps a label to a pid or to a function returning pids.
 */
export function startSampler(targets, intervalMs = 1_000) {
  const read = () =>
    Object.fromEntries(
      Object.entries(targets).map(([label, target]) => {
        const pids = typeof target === 'function' ? target() : [target];
        return [label, treeSample(pids)];
      }),
    );
  const first = read();
  const rss = Object.fromEntries(Object.keys(targets).map((label) => [label, [first[label].rssBytes]]));
  const timer = setInterval(() => {
    const now = read();
    for (const label of Object.keys(targets)) rss[label].push(now[label].rssBytes);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const last = read();
      return Object.fromEntries(
        Object.keys(targets).map((label) => {
          const seconds = (last[label].at - first[label].at) / 1000;
          const samples = [...rss[label], last[label].rssBytes].filter((v) => v > 0);
          return [
            label,
            {
              cpuPercent: seconds > 0 ? (100 * (last[label].cpuSeconds - first[label].cpuSeconds)) / seconds : null,
              cpuSeconds: last[label].cpuSeconds - first[label].cpuSeconds,
              rssMeanBytes: samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : null,
              rssPeakBytes: samples.length ? Math.max(...samples) : null,
              seconds,
            },
          ];
        }),
      );
    },
  };
}

/** Mean RSS of a pid over a few samples `gapMs` apart (smooths allocator noise). */
export async function settledRss(pid, samples = 3, gapMs = 300) {
  const values = [];
  for (let i = 0; i < samples; i++) {
    const s = procSample(pid);
    if (s) values.push(s.rssBytes);
    if (i < samples - 1) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** What the figures were taken on. */
export function machine() {
  let memTotal = totalmem();
  const cpuModel = cpus()[0]?.model ?? readCpuModel();
  return {
    cpuModel,
    cores: cpus().length,
    memoryBytes: memTotal,
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
    kernel: safe(() => readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim()),
    os: safe(() => /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]),
    node: process.version,
  };
}

function readCpuModel() {
  return safe(() => /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]) ?? 'unknown';
}

function safe(read) {
  try {
    return read() ?? null;
  } catch {
    return null;
  }
}
