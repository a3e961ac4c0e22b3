import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.janus.urls).toEqual(['ws://127.0.0.1:8188']);
    expect(config.roomMaxParticipants).toBe(8);
    expect(config.iceServers).toEqual([]);
  });

  it('names the bad key when a setting does not validate', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowMatching(
      (error: unknown) => error instanceof ConfigError && error.message.includes('PORT'),
    );
  });

  it('refuses a Janus URL that is not a WebSocket URL', () => {
    expect(() => loadConfig({ JANUS_URL: 'http://janus:8088' })).toThrowError(ConfigError, /JANUS_URL/);
  });

  it('takes one Janus from JANUS_URL', () => {
    expect(loadConfig({ JANUS_URL: 'ws://janus:8188' }).janus.urls).toEqual(['ws://janus:8188']);
  });

  it('takes several Janus instances from JANUS_URLS, in order, in place of JANUS_URL', () => {
    const config = loadConfig({ JANUS_URL: 'ws://ignored:8188', JANUS_URLS: ' ws://janus-1:8188, wss://janus-2.example.org ,' });
    expect(config.janus.urls).toEqual(['ws://janus-1:8188', 'wss://janus-2.example.org']);
  });

  for (const [value, problem] of [
    ['http://janus-1:8088', /JANUS_URLS: "http:\/\/janus-1:8088" must be a ws:\/\/ or wss:\/\/ URL/],
    ['ws://janus-1:8188,janus-2:8188', /JANUS_URLS: "janus-2:8188" must be a ws/],
    ['ws://a b', /JANUS_URLS: "ws:\/\/a b" is not a URL/],
    ['ws://janus-1:8188,ws://janus-1:8188', /JANUS_URLS: lists "ws:\/\/janus-1:8188" twice/],
    [' , ', /JANUS_URLS: must list at least one/],
  ] as const) {
    it(`refuses JANUS_URLS=${JSON.stringify(value)}, naming the bad entry`, () => {
      expect(() => loadConfig({ JANUS_URLS: value })).toThrowError(ConfigError, problem);
    });
  }

  it('splits comma-separated ICE servers and drops blanks', () => {
    const config = loadConfig({ ICE_SERVERS: 'stun:stun.example.org:3478, ,turn:turn.example.org' });
    expect(config.iceServers).toEqual([{ urls: 'stun:stun.example.org:3478' }, { urls: 'turn:turn.example.org' }]);
  });

  it('refuses a session secret shorter than 32 characters', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrowError(ConfigError, /SESSION_SECRET/);
  });

  it('keeps one gateway on SQLite without REDIS_URL and takes a redis:// URL for scale-out', () => {
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379/0' }).redisUrl).toBe('redis://redis:6379/0');
  });

  it('refuses a REDIS_URL that is not a redis:// URL, naming the key', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://redis:6379' })).toThrowError(ConfigError, /REDIS_URL/);
  });

  describe('with NODE_ENV=production', () => {
    /** What an operator sets: secrets of their own for everything compose requires. */
    const own = {
      NODE_ENV: 'production',
      JANUS_ADMIN_KEY: 'a6f0c1d2e3b4a5968778695a4b3c2d1e',
      JANUS_API_SECRET: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      TURN_URLS: 'turn:203.0.113.10:3478',
      TURN_SECRET: '9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
    };

    it('accepts secrets of the operator’s own', () => {
      const config = loadConfig(own);
      expect(config.production).toBeTrue();
      expect(config.janus.adminKey).toBe(own.JANUS_ADMIN_KEY);
      expect(config.janus.apiSecret).toBe(own.JANUS_API_SECRET);
    });

    for (const [name, value] of [
      ['TURN_SECRET', 'change-me-to-the-output-of-openssl-rand-hex-32'],
      ['TURN_SECRET', 'CHANGEME-please-0123456789'],
      ['JANUS_ADMIN_KEY', 'parley-dev-admin-key'],
      ['JANUS_API_SECRET', 'parley-dev-api-secret'],
      ['SESSION_SECRET', 'change-me-to-a-long-random-session-secret'],
    ] as const) {
      it(`refuses the published ${name} ${JSON.stringify(value)}, naming the variable`, () => {
        expect(() => loadConfig({ ...own, [name]: value })).toThrowError(ConfigError, new RegExp(`${name}: is a placeholder`));
      });
    }

    for (const name of ['JANUS_ADMIN_KEY', 'JANUS_API_SECRET'] as const) {
      it(`refuses an unset ${name}, whose default is the committed development value`, () => {
        const env: Record<string, string> = { ...own };
        delete env[name];
        expect(() => loadConfig(env)).toThrowError(ConfigError, new RegExp(`${name}: is a placeholder`));
      });
    }

    it('refuses a REDIS_URL without a password, naming the variable, and takes one with a password', () => {
      expect(() => loadConfig({ ...own, REDIS_URL: 'redis://redis:6379' })).toThrowError(ConfigError, /REDIS_URL: needs a password/);
      expect(() => loadConfig({ ...own, REDIS_URL: 'redis://:change-me@redis:6379' })).toThrowError(ConfigError, /REDIS_URL/);
      expect(loadConfig({ ...own, REDIS_URL: 'redis://:5f4e3d2c1b0a@redis:6379' }).redisUrl).toBe('redis://:5f4e3d2c1b0a@redis:6379');
    });

    it('still accepts the development defaults outside production', () => {
      expect(loadConfig({ TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 'change-me-to-the-output-of-openssl-rand-hex-32' }).production).toBeFalse();
    });
  });

  it('serves metrics on their own loopback listener by default', () => {
    expect(loadConfig({}).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
  });

  it('passes private ICE candidates on by default and not with ALLOW_PRIVATE_CANDIDATES=false', () => {
    expect(loadConfig({}).janus.allowPrivateCandidates).toBeTrue();
    expect(loadConfig({ ALLOW_PRIVATE_CANDIDATES: 'false' }).janus.allowPrivateCandidates).toBeFalse();
    expect(() => loadConfig({ ALLOW_PRIVATE_CANDIDATES: 'no' })).toThrowError(ConfigError, /ALLOW_PRIVATE_CANDIDATES/);
  });
});
