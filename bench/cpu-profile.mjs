// Summarizes a V8 CPU profile (`node --cpu-prof`, e.g. a bench gateway's with
// PARLEY_BENCH_CPU_PROF=<folder>): the functions with the most self time, and
// the most total time (self plus callees), each with its share of the samples.
//   node bench/cpu-profile.mjs <file.cpuprofile> [top=40]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from '../scripts/lib/gateway.mjs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpu-profile.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfHits = new Map();
for (const id of profile.samples) selfHits.set(id, (selfHits.get(id) ?? 0) + 1);
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const nameOf = ({ callFrame: f }) => {
  const where = f.url ? `${relative(ROOT, f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const self = new Map();
const total = new Map();
for (const [id, hits] of selfHits) {
  const name = nameOf(nodes.get(id));
  self.set(name, (self.get(name) ?? 0) + hits);
  // Each function counts once per sample however often it recurses.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parentOf.get(at)) {
    const caller = nameOf(nodes.get(at));
    if (seen.has(caller)) continue;
    seen.add(caller);
    total.set(caller, (total.get(caller) ?? 0) + hits);
  }
}
const all = profile.samples.length;
const print = (title, map) => {
  console.log(`\n${title} (${all} samples)`);
  for (const [name, hits] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * hits) / all).toFixed(1).padStart(5)} %  ${name}`);
};
print('Self time', self);
print('Total time', total);
