// The boundaries DESIGN.md and STYLE.md fix, checked on every test run
// (in place of a lint rule, so they hold without an ESLint set-up).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

/**
 * The client's folder of a file: `core/<area>`, `ui`, or a feature folder
 * (`room`, `chat`, …); '.' for the app's root files.
 */
function clientFolder(file) {
  const parts = relative(join(ROOT, 'client/src/app'), file).split('/');
  if (parts.length === 1) return '.';
  return parts[0] === 'core' && parts.length > 2 ? `core/${parts[1]}` : parts[0];
}

/** Edges `from → to` between client folders, each with the files that make it. */
function clientFolderImports() {
  const edges = new Map();
  for (const file of sources('client/src/app')) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
      const from = clientFolder(file);
      const target = resolve(dirname(file), spec);
      // Test helpers (client/src/testing) are no folder of the app.
      if (relative(join(ROOT, 'client/src/app'), target).startsWith('..')) continue;
      const to = clientFolder(target);
      if (from === to) continue;
      const key = `${from} → ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), relative(ROOT, file)]);
    }
  }
  return edges;
}

/** Every cycle of folders in `edges` (as "a → b → a"), found by depth-first search. */
function folderCycles(edges) {
  const next = new Map();
  for (const key of edges.keys()) {
    const [from, to] = key.split(' → ');
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const cycles = new Set();
  const walk = (path) => {
    for (const to of next.get(path.at(-1)) ?? []) {
      const at = path.indexOf(to);
      if (at >= 0) cycles.add([...path.slice(at), to].join(' → '));
      else walk([...path, to]);
    }
  };
  for (const start of next.keys()) walk([start]);
  return [...cycles];
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

  it('keeps the client folders free of import cycles', () => {
    expect(folderCycles(clientFolderImports())).toEqual([]);
  });

  it('lets client core and ui import only core and ui, never a feature folder', () => {
    const offenders = [...clientFolderImports()]
      .filter(([key]) => {
        const [from, to] = key.split(' → ');
        const shared = (folder) => folder === 'ui' || folder.startsWith('core');
        return shared(from) && !shared(to);
      })
      .map(([key, files]) => `${key}: ${files.join(', ')}`);
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
