// Karma configuration for the client's unit specs, run by `ng test` (@angular/build:karma).
//
// Besides karma's dots reporter, the `parley-results` reporter writes
// `{ "passed": N, "failed": N }` to $PARLEY_RESULTS_FILE when that is set, so the
// repository's test orchestrator can sum every suite without parsing console output.
const fs = require('node:fs');
const path = require('node:path');

/** Karma reporter plugin: counts specs at the end of the run and writes them for the orchestrator. */
function ParleyResultsReporter() {
  this.onRunComplete = (_browsers, results) => {
    const file = process.env.PARLEY_RESULTS_FILE;
    if (!file) return;
    // An error outside any spec (a broken bundle, a browser crash) must not read as green.
    const failed = results.failed + (results.error || results.disconnected ? 1 : 0);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ passed: results.success, failed }) + '\n');
  };
}
ParleyResultsReporter.$inject = [];

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      { 'reporter:parley-results': ['type', ParleyResultsReporter] },
    ],
    client: {
      jasmine: { random: true },
    },
    // Dots, not progress: one character a spec, so a parallel run's log stays readable.
    reporters: ['dots', 'parley-results'],
    browsers: ['ChromeHeadlessParley'],
    customLaunchers: {
      // Fake camera and microphone so media specs run without devices or prompts.
      ChromeHeadlessParley: {
        base: 'ChromeHeadless',
        flags: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
          '--autoplay-policy=no-user-gesture-required',
        ],
      },
    },
    browserNoActivityTimeout: 60000,
    singleRun: true,
    restartOnFileChange: false,
  });
};
