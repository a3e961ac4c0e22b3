import { config } from 'zod';

/*
 * Parley's Content-Security-Policy allows no 'unsafe-eval'. Zod 4 probes for
 * `new Function` when it builds its first object schema, to compile faster
 * parsers; the probe's error is caught, but the browser still reports the
 * CSP violation (Firefox logs it as a page error). `jitless` skips the probe
 * and keeps the interpreted parsers, which are plenty for Parley's payloads.
 * main.ts imports this module first, because zod reads the setting when a
 * schema is created, that is while @parley/protocol loads.
 */
config({ jitless: true });
