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
});
