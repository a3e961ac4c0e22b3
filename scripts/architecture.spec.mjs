// The boundaries DESIGN.md and STYLE.md fix, checked on every test run
// (in place of a lint rule, so they hold without an ESLint set-up).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './lib/gateway.mjs';

function sources(dir) {
  const out = [];
  const visit = (path) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) visit(full);
      else if (/\.(ts|mjs|js)$/.test(entry)) out.push(full);
    }
  };
  visit(join(ROOT, dir));
  return out;
}

/** Files under `dir` whose import specifiers match `pattern`. */
function importing(dir, pattern) {
  return sources(dir)
    .filter((file) => {
      const specifiers = [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)];
      return specifiers.some(([, spec]) => pattern.test(spec));
    })
    .map((file) => relative(ROOT, file));
}

describe('Architecture', () => {
  it('keeps janode inside api/src/janus', () => {
    const offenders = importing('api/src', /^janode(\/|$)/).filter((file) => !file.startsWith('api/src/janus/'));
    expect(offenders).toEqual([]);
  });

  it('keeps the protocol free of framework imports', () => {
    expect(importing('protocol/src', /^(@angular|@nestjs|socket\.io|rxjs|janode)/)).toEqual([]);
  });

  it('lets the client reach the gateway only through the protocol', () => {
    expect(importing('client/src', /(^|\/)api\/src\/|^janode/)).toEqual([]);
  });

  it('keeps WebRTC peer connections out of client components', () => {
    const offenders = sources('client/src/app')
      .filter((file) => !file.includes('/core/webrtc/') && !file.endsWith('.spec.ts'))
      .filter((file) => /new RTCPeerConnection\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in the config loader', () => {
    const offenders = sources('api/src')
      .filter((file) => !/[.-]spec\.ts$/.test(file) && !file.endsWith('config/config.ts'))
      .filter((file) => /process\.env/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
