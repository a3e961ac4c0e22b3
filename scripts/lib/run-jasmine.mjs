// Runs Jasmine spec files and writes { passed, failed } to --results <file>,
// so scripts/test.mjs can sum every suite. Skipped or focused specs count as
// failures: a test that does not run hides whatever it was meant to catch.
//
//   node scripts/lib/run-jasmine.mjs --results out.json 'dist/spec/**/*.spec.js' ...
import Jasmine from 'jasmine';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const args = process.argv.slice(2);
const resultsAt = args.indexOf('--results');
const resultsFile = resultsAt >= 0 ? args[resultsAt + 1] : undefined;
const specFiles = resultsAt < 0 ? args : args.filter((_, i) => i !== resultsAt && i !== resultsAt + 1);

const counts = { passed: 0, failed: 0 };
/** Wall time of each top-level suite, by file, printed at the end so slow spec files show. */
const fileTimes = new Map();
let depth = 0;
/** Every spec's duration, so the slowest can be printed: where a suite's time goes. */
const slowSpecs = [];
const jasmine = new Jasmine({ projectBaseDir: process.cwd() });
jasmine.loadConfig({
  spec_dir: '.',
  spec_files: specFiles,
  random: true,
  env: { stopSpecOnExpectationFailure: false },
});
jasmine.exitOnCompletion = false;
jasmine.addReporter({
  specDone(result) {
    slowSpecs.push({ name: result.fullName, ms: result.duration ?? 0 });
    if (result.status === 'passed') counts.passed += 1;
    else {
      counts.failed += 1;
      if (result.status !== 'failed') console.error(`Not run (${result.status}): ${result.fullName}`);
    }
  },
  suiteStarted() {
    depth += 1;
  },
  suiteDone(result) {
    depth -= 1;
    if (depth === 0 && result.filename) {
      const file = relative(process.cwd(), result.filename);
      fileTimes.set(file, (fileTimes.get(file) ?? 0) + (result.duration ?? 0));
    }
    // Errors in beforeAll/afterAll fail no spec by themselves.
    if (result.failedExpectations.length > 0) counts.failed += 1;
  },
  jasmineDone(result) {
    if (result.failedExpectations.length > 0) counts.failed += 1;
    if (result.incompleteReason) console.error(`Incomplete: ${result.incompleteReason}`);
  },
});

const done = await jasmine.execute();
const slowest = slowSpecs.filter((spec) => spec.ms >= 5_000).sort((a, b) => b.ms - a.ms).slice(0, 10);
if (slowest.length > 0) {
  console.log('\nSlowest specs:');
  for (const spec of slowest) console.log(`  ${(spec.ms / 1000).toFixed(1).padStart(7)} s  ${spec.name}`);
}
if (fileTimes.size > 1) {
  console.log('\nSpec files by wall time:');
  for (const [file, ms] of [...fileTimes].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${file}`);
  }
}
if (counts.passed + counts.failed === 0) {
  console.error(`No specs ran from ${specFiles.join(' ')}`);
  counts.failed += 1;
}
if (resultsFile) writeFileSync(resultsFile, JSON.stringify(counts));
process.exit(done.overallStatus === 'passed' && counts.failed === 0 ? 0 : 1);
