import { loadConfig } from '../config/config';
import { TurnCredentials, turnRestCredential } from './turn-credentials';

const SECRET = 'north-wind-secret-0001';

describe('turnRestCredential', () => {
  it('matches a vector computed outside Node (openssl dgst -sha1 -hmac, and Python hmac)', () => {
    // printf '1700003600:3f1c2a9e-participant' | openssl dgst -sha1 -hmac 'north-wind-secret-0001' -binary | base64
    expect(turnRestCredential(SECRET, '3f1c2a9e-participant', 1_700_003_600)).toEqual({
      username: '1700003600:3f1c2a9e-participant',
      credential: 'OZGptpNGVfIfa5ZbjwjKbkVG/SI=',
    });
  });

  it('gives another password for another expiry, so a username cannot be extended by hand', () => {
    const a = turnRestCredential(SECRET, 'ada', 1_700_003_600);
    const b = turnRestCredential(SECRET, 'ada', 1_700_003_601);
    expect(a.credential).not.toBe(b.credential);
  });

  it('truncates a fractional expiry to whole seconds', () => {
    expect(turnRestCredential(SECRET, 'ada', 1_700_003_600.9).username).toBe('1700003600:ada');
  });
});

describe('TurnCredentials', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('hands out no TURN server when TURN_URLS is unset', () => {
    const turn = new TurnCredentials(loadConfig({ DATA_DIR: '/nonexistent' }));
    expect(turn.enabled).toBeFalse();
    expect(turn.forParticipant('ada', now)).toEqual([]);
  });

  it('hands out every TURN URL with credentials that expire after the configured TTL', () => {
    const config = loadConfig({
      DATA_DIR: '/nonexistent',
      TURN_URLS: 'turn:turn.example.org:3478, turn:turn.example.org:3478?transport=tcp,turns:turn.example.org:443?transport=tcp',
      TURN_SECRET: SECRET,
      TURN_TTL_SECONDS: '600',
    });
    const [server, ...rest] = new TurnCredentials(config).forParticipant('ada', now);
    expect(rest).toEqual([]);
    expect(server?.urls).toEqual([
      'turn:turn.example.org:3478',
      'turn:turn.example.org:3478?transport=tcp',
      'turns:turn.example.org:443?transport=tcp',
    ]);
    const expiry = now / 1000 + 600;
    expect(server?.username).toBe(`${expiry}:ada`);
    expect(server?.credential).toBe(turnRestCredential(SECRET, 'ada', expiry).credential);
  });

  it('defaults the lifetime to one hour', () => {
    const config = loadConfig({ DATA_DIR: '/nonexistent', TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: SECRET });
    const [server] = new TurnCredentials(config).forParticipant('ada', now);
    expect(server?.username).toBe(`${now / 1000 + 3600}:ada`);
  });
});

describe('TURN settings', () => {
  it('refuses TURN_URLS without TURN_SECRET, naming the key', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:127.0.0.1:3478' })).toThrowError(/TURN_SECRET/);
  });

  it('refuses a URL that is not turn: or turns:', () => {
    expect(() => loadConfig({ TURN_URLS: 'stun:127.0.0.1:3478', TURN_SECRET: SECRET })).toThrowError(/TURN_URLS/);
  });

  it('refuses a short secret', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 'short' })).toThrowError(/TURN_SECRET/);
  });
});

describe('TurnCredentials.iceServersFor', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('gives the configured STUN servers and fresh TURN credentials, refreshed every third of their lifetime', () => {
    const turn = new TurnCredentials(
      loadConfig({
        DATA_DIR: '/nonexistent',
        ICE_SERVERS: 'stun:stun.example.org:3478',
        TURN_URLS: 'turn:turn.example.org:3478',
        TURN_SECRET: SECRET,
        TURN_TTL_SECONDS: '900',
      }),
    );
    const servers = turn.iceServersFor('ada', now);
    expect(servers[0]).toEqual({ urls: 'stun:stun.example.org:3478' });
    expect(servers[1]?.username).toBe(`${now / 1000 + 900}:ada`);
    expect(turn.refreshSeconds).toBe(300);
  });

  it('gives only the configured servers, and no refresh, without TURN', () => {
    const turn = new TurnCredentials(loadConfig({ DATA_DIR: '/nonexistent', ICE_SERVERS: 'stun:stun.example.org:3478' }));
    expect(turn.iceServersFor('ada', now)).toEqual([{ urls: 'stun:stun.example.org:3478' }]);
    expect(turn.refreshSeconds).toBeNull();
  });
});
