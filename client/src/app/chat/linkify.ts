/** A run of chat text: plain text, or a web address to show as a link. */
export type TextSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

/**
 * Candidates: anything that starts like a web address, up to whitespace or a
 * character that cannot appear unescaped in one. Only `http:`, `https:` and
 * `www.` starts are considered at all, so `javascript:`, `data:` and the
 * like stay text by construction; each candidate is then parsed by `URL`.
 */
const CANDIDATE = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;

/** Punctuation that usually ends the sentence rather than the address. */
const TRAILING = /[.,;:!?'"]+$/;

/** Drops trailing punctuation, and a closing bracket that has no opening one inside the address. */
function trimCandidate(candidate: string): string {
  let url = candidate;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING, '');
    for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']] as const) {
      if (url.endsWith(close) && count(url, close) > count(url, open)) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The address a candidate links to, or null when it is not a usable http(s) URL. */
function hrefOf(candidate: string): string | null {
  const absolute = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
  try {
    const url = new URL(absolute);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
    return url.href;
  } catch {
    // Not parseable as a URL: it stays text, which is the right outcome.
    return null;
  }
}

/**
 * Splits chat text into text and link segments. The result is rendered with
 * text nodes and `<a href>` bindings only — never as HTML — so nothing a
 * sender types can become markup; this function only decides which parts
 * are safe web links (http or https, no credentials).
 */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  const pushText = (end: number): void => {
    if (end > last) segments.push({ kind: 'text', text: text.slice(last, end) });
  };
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimCandidate(match[0]);
    const href = hrefOf(candidate);
    if (href === null) continue;
    pushText(start);
    segments.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  pushText(text.length);
  return segments;
}
