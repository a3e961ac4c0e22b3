// axe-core in a real page: the library's own source evaluated in the page
// (through the DevTools protocol, so the app's strict CSP, which forbids
// inline scripts, stays as it is), then `axe.run` over the whole document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA, plus axe's best practices (landmarks, one main, headings). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Every axe violation on the page as `{ id, impact, help, targets }`.
 * Animations are settled first so colour checks see the final colours.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}${node.failureSummary ? ` — ${node.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`),
    }));
  }, TAGS);
  return violations;
}

/** The violations that block people (serious or critical), readable in a failure message. */
export function blocking(violations) {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation, for the log. */
export function describeViolations(label, violations) {
  if (violations.length === 0) return `axe ${label}: no violations`;
  return [`axe ${label}:`, ...violations.map((v) => `  ${v.impact} ${v.id}: ${v.help}\n      ${v.targets.join('\n      ')}`)].join('\n');
}
