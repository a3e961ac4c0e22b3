// Small statistics and table printing for the benchmarks.

/** Nearest-rank percentile of `values` (unsorted is fine); null when empty. */
export function percentile(values, p) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values) => percentile(values, 50);
export const mean = (values) => {
  const ok = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
};

/** Formats a number for a table: `—` for null, fixed digits otherwise. */
export function fmt(value, digits = 0, unit = '') {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${value.toFixed(digits)}${unit}`;
}

export const mib = (bytes) => (bytes === null || bytes === undefined ? null : bytes / 1024 / 1024);
export const kib = (bytes) => (bytes === null || bytes === undefined ? null : bytes / 1024);

/** A plain-text table (also valid Markdown): header row, separator, rows; numbers right-aligned. */
export function table(headers, rows) {
  const cells = rows.map((row) => row.map((cell) => String(cell ?? '—')));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const numeric = headers.map((_, i) => cells.length > 0 && cells.every((row) => /^[-—~<>≈]?[\d.,]+( ?[%a-zA-Z/×x]*)?$|^—$/.test(row[i])));
  const line = (row) => `| ${row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  const separator = `| ${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(headers), separator, ...cells.map(line)].join('\n');
}

/** One line of an error for a table or a note: no ANSI colours, no call log. */
export function firstLine(error) {
  const text = String(error?.message ?? error ?? '');
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').split('\n')[0].trim();
}
