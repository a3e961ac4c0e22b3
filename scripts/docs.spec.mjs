// Keeps docs/protocol.md in step with the protocol: every request and push
// that exists in the code has a row there.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib/gateway.mjs';

const doc = readFileSync(join(ROOT, 'docs/protocol.md'), 'utf8');
const { requestSchemas } = createRequire(import.meta.url)(join(ROOT, 'protocol/dist/index.js'));
const pushNames = [...readFileSync(join(ROOT, 'protocol/src/events.ts'), 'utf8')
  .split('export interface ServerToClientEvents')[1]
  .matchAll(/^\s*'([a-z]+\.[a-z_]+)':/gm)].map((m) => m[1]);

describe('docs/protocol.md', () => {
  it('documents every request', () => {
    const missing = Object.keys(requestSchemas).filter((name) => !doc.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('documents every push', () => {
    expect(pushNames.length).toBeGreaterThan(5);
    expect(pushNames.filter((name) => !doc.includes(`| \`${name}\` |`))).toEqual([]);
  });
});
