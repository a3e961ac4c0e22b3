import * as z from 'zod';

/*
 * The one zod every schema here is built with, configured before the first
 * schema exists. `jitless`: Parley's pages run under a Content-Security-Policy
 * without 'unsafe-eval', and zod 4 otherwise probes `new Function` while it
 * builds an object schema; the probe's error is caught, but browsers still
 * report the CSP violation (Firefox as a page error). The interpreted parsers
 * are plenty for Parley's payloads, on the gateway too. Every schema module
 * imports this module first (for its effect), so bundlers evaluate this
 * setting before any schema; they take `z` from 'zod' itself, because a
 * namespace re-exported from here defeats tree-shaking (all of zod, locales
 * included, would reach the client's initial bundle).
 */
z.config({ jitless: true });

export { z };
