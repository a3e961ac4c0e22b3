// Firefox for end-to-end tests: Debian's Firefox ESR driven by puppeteer-core
// over WebDriver BiDi (headless, fake camera and microphone). puppeteer-core
// never downloads a browser; a missing Firefox is installed with apt when we
// are root, otherwise the test fails with the exact command to run.
import puppeteer from 'puppeteer-core';
import { ensureDebianPackage } from '../../scripts/lib/apt.mjs';

/**
 * Preferences that stand in for Chromium's `--use-fake-*` switches and
 * `--autoplay-policy=no-user-gesture-required`, plus what keeps a headless
 * Firefox quiet and its ICE usable on a build machine.
 */
export const FIREFOX_PREFS = {
  // A synthetic camera (moving colour frames) and microphone (a tone), granted without a prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Autoplay allowed, as the Chromium runs do; the "Tap to enable sound" path has its own unit specs.
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  // Janus answers with host candidates on this machine's addresses; Firefox must offer its own plainly
  // (not as mDNS names, which Janus cannot resolve) and may use loopback when that is all there is.
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.loopback': true,
  // parley.test resolves to this machine without being a secure origin (as localhost is): the insecure-page check.
  'network.dns.localDomains': 'parley.test',
  // No first-run pages, update checks or telemetry pings while the test runs.
  'browser.shell.checkDefaultBrowser': false,
  'app.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
};

/** Where Debian installs Firefox ESR (FIREFOX_BIN overrides it). */
export function firefoxBinary() {
  return process.env.FIREFOX_BIN ?? ensureDebianPackage('/usr/bin/firefox-esr', 'firefox-esr');
}

/**
 * One headless Firefox for a whole spec file; participants are browser
 * contexts (BiDi user contexts) in it. `prefs` override FIREFOX_PREFS (a
 * stricter autoplay policy, say).
 */
export function launchFirefox(prefs = {}) {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxBinary(),
    headless: true,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...prefs },
    defaultViewport: { width: 1280, height: 800 },
  });
}

/**
 * Records every RTCPeerConnection the page creates in `window.__parleyPcs`
 * (the same hook e2e/support/stack.mjs installs in Chromium).
 */
function recordPeerConnections() {
  const Native = window.RTCPeerConnection;
  const created = [];
  window.__parleyPcs = created;
  if (typeof Native !== 'function') return;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      created.push(this);
    }
  };
}

/** A new Firefox participant: its own user context (own storage), page errors collected. */
export async function newFirefoxParticipant(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.evaluateOnNewDocument(recordPeerConnections);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}
