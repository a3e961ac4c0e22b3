import { originAllowed } from './io-adapter';

describe('originAllowed', () => {
  it('lets non-browser clients without an Origin in', () => {
    expect(originAllowed(undefined, 'meet.example.org', [])).toBeTrue();
  });

  it('accepts the same origin when no list is configured', () => {
    expect(originAllowed('https://meet.example.org', 'meet.example.org', [])).toBeTrue();
  });

  it('refuses another site when no list is configured', () => {
    expect(originAllowed('https://evil.example.com', 'meet.example.org', [])).toBeFalse();
  });

  it('accepts exactly the configured origins', () => {
    const allowed = ['https://app.example.org'];
    expect(originAllowed('https://app.example.org', 'api.example.org', allowed)).toBeTrue();
    expect(originAllowed('https://api.example.org', 'api.example.org', allowed)).toBeFalse();
  });

  it('refuses a malformed Origin header', () => {
    expect(originAllowed('not a url', 'meet.example.org', [])).toBeFalse();
  });
});
