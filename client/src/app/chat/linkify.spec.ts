import { linkify } from './linkify';

describe('linkify', () => {
  it('leaves text without addresses as one text segment', () => {
    expect(linkify('just words')).toEqual([{ kind: 'text', text: 'just words' }]);
  });

  it('splits text and an https link', () => {
    expect(linkify('see https://example.com/a?b=1 now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('links www. addresses over https', () => {
    expect(linkify('www.example.org')).toEqual([{ kind: 'link', text: 'www.example.org', href: 'https://www.example.org/' }]);
  });

  it('leaves sentence punctuation and an unmatched bracket outside the link', () => {
    const segments = linkify('(see http://example.com/x).');
    expect(segments).toEqual([
      { kind: 'text', text: '(see ' },
      { kind: 'link', text: 'http://example.com/x', href: 'http://example.com/x' },
      { kind: 'text', text: ').' },
    ]);
  });

  it('keeps brackets that belong to the address', () => {
    const [link] = linkify('https://en.wikipedia.org/wiki/Hat_(disambiguation)');
    expect(link).toEqual(jasmine.objectContaining({ kind: 'link', text: 'https://en.wikipedia.org/wiki/Hat_(disambiguation)' }));
  });

  for (const unsafe of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'file:///etc/passwd', 'ftp://example.com']) {
    it(`never makes a link of ${unsafe}`, () => {
      expect(linkify(unsafe).every((s) => s.kind === 'text')).toBeTrue();
    });
  }

  it('keeps markup as text', () => {
    expect(linkify('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });

  it('does not link an address with credentials', () => {
    expect(linkify('https://user:pw@example.com').every((s) => s.kind === 'text')).toBeTrue();
  });

  it('stops an address at a quote or angle bracket', () => {
    const segments = linkify('"https://example.com/"><script>');
    expect(segments.filter((s) => s.kind === 'link').map((s) => s.text)).toEqual(['https://example.com/']);
  });

  it('finds several links and keeps every character of the text', () => {
    const text = 'a http://x.io b https://y.io/p c';
    const segments = linkify(text);
    expect(segments.filter((s) => s.kind === 'link').length).toBe(2);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });
});
