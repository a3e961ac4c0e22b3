import { checkRequest } from './validate';

describe('checkRequest', () => {
  it('returns the parsed payload of a valid request', () => {
    expect(checkRequest('chat.send', { clientId: 'abcdefgh', text: 'hi' })).toEqual({ ok: true, data: { clientId: 'abcdefgh', text: 'hi' } });
  });

  it('names the field and the problem of an invalid one', () => {
    const check = checkRequest('chat.send', { clientId: 'short', text: 'hi' });
    expect(check).toEqual({ ok: false, problems: ['clientId: clientId is too short'] });
  });

  it('reports a payload that makes zod throw as invalid instead of throwing', () => {
    // A JSON object whose `length` cannot be compared: zod's string length checks run on it anyway.
    const unreadable = JSON.parse('{"clientId":{"length":{"toString":"x"}},"text":"hi"}');
    expect(() => checkRequest('chat.send', unreadable)).not.toThrow();
    expect(checkRequest('chat.send', unreadable)).toEqual({ ok: false, problems: [jasmine.stringMatching(/^payload: /)] });
    expect(checkRequest('host.admit', { requestId: { length: Object.create(null) }, admit: true }).ok).toBeFalse();
  });
});
