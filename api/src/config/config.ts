import { resolve } from 'node:path';
import * as z from 'zod';

const portSchema = z.coerce.number().int().min(0).max(65535);

/** The VideoRoom admin_key committed in janus/janus.plugin.videoroom.jcfg: for development only. */
const DEV_JANUS_ADMIN_KEY = 'parley-dev-admin-key';
/** The api_secret committed in janus/janus.jcfg: for development only. */
const DEV_JANUS_API_SECRET = 'parley-dev-api-secret';

/**
 * Secrets whose value is published in this repository (defaults, the
 * .env.example placeholder): anyone can read them, so a production gateway
 * refuses to start with one. Besides these, any value that asks to be
 * changed ("change-me", "changeme", "placeholder") is refused.
 */
const PUBLISHED_SECRETS = {
  TURN_SECRET: ['change-me-to-the-output-of-openssl-rand-hex-32'],
  JANUS_ADMIN_KEY: [DEV_JANUS_ADMIN_KEY],
  JANUS_API_SECRET: [DEV_JANUS_API_SECRET],
  SESSION_SECRET: [],
} as const satisfies Record<string, readonly string[]>;
const PLACEHOLDER = /change[-_ ]?me|placeholder/i;

/**
 * Every setting Parley reads from the environment, with its default.
 * The README's configuration table is written from this schema; keep both in step.
 */
const envSchema = z.object({
  /** `production` (the api image and compose set it) refuses the placeholder secrets published in this repository. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** HTTP and Socket.IO port. */
  PORT: portSchema.default(3000),
  /** Address the HTTP server binds to. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Port of the separate listener that serves `/metrics` (never the public port). */
  METRICS_PORT: portSchema.default(9464),
  /** Address the metrics listener binds to. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Janus WebSocket API (never exposed to browsers); one Janus. */
  JANUS_URL: z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL').default('ws://127.0.0.1:8188'),
  /** Comma-separated Janus WebSocket APIs, one per Janus instance; replaces JANUS_URL when set. */
  JANUS_URLS: z.string().default('').superRefine((value, context) => {
    const problem = janusUrlsProblem(value);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  }),
  /** VideoRoom `admin_key` from janus/janus.plugin.videoroom.jcfg. */
  JANUS_ADMIN_KEY: z.string().min(1).default(DEV_JANUS_ADMIN_KEY),
  /** Janus's `api_secret` (janus/janus.jcfg): every request to the Janus API carries it. */
  JANUS_API_SECRET: z.string().min(1).default(DEV_JANUS_API_SECRET),
  /** Whether ICE candidates with private (RFC 1918, unique-local, mDNS) addresses reach Janus; loopback and link-local never do. */
  ALLOW_PRIVATE_CANDIDATES: z.enum(['true', 'false']).default('true'),
  /** Folder for the SQLite file and the generated session key. */
  DATA_DIR: z.string().min(1).default('data'),
  /** The built client (served at `/`); empty to serve no client. */
  CLIENT_DIR: z.string().default('dist/client/browser'),
  /** Participants a room admits. */
  ROOM_MAX_PARTICIPANTS: z.coerce.number().int().min(1).max(100).default(8),
  /** Rooms one gateway keeps live at once: each holds a Janus room, so an unbounded number would let anyone exhaust Janus. */
  ROOM_MAX_LIVE: z.coerce.number().int().min(1).max(100_000).default(500),
  /** How long a lobby knock waits for a host before it lapses (the knocker hears no and may knock again). */
  LOBBY_KNOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Screens that may be shared at once in one room. */
  ROOM_MAX_SCREEN_SHARES: z.coerce.number().int().min(0).max(16).default(2),
  /** HMAC secret for session tokens; generated once into DATA_DIR when unset. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Seconds a participant whose connection dropped is held for resumption before they leave. */
  RESUME_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(30),
  /** Lifetime of a session token, in seconds; connected clients get a fresh one at a third of it. */
  SESSION_TTL_SECONDS: z.coerce.number().int().min(60).default(15 * 60),
  /** Comma-separated STUN/TURN URLs handed to browsers; empty for none (LAN, same host). */
  ICE_SERVERS: z.string().default(''),
  /** Comma-separated turn:/turns: URLs of coturn (incl. `?transport=tcp` variants); each participant gets short-lived credentials for them. */
  TURN_URLS: z
    .string()
    .default('')
    .refine((value) => list(value).every((url) => /^turns?:/.test(url)), 'every URL must start with turn: or turns:'),
  /** coturn's `static-auth-secret` (`use-auth-secret`); required when TURN_URLS is set. */
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Lifetime of the TURN credentials handed out at join, in seconds. */
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(3600),
  /** Minimum level of the JSON logs on stdout. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `meeting`: a meeting's chat is deleted when it ends; a number: kept that many days after it ended (never shown to a later meeting). */
  CHAT_RETENTION: z
    .string()
    .regex(/^(meeting|\d+(\.\d+)?)$/, 'must be "meeting" or a number of days')
    .default('meeting'),
  /** Whether joins and leaves appear as system lines in the chat. */
  CHAT_SYSTEM_MESSAGES: z.enum(['true', 'false']).default('true'),
  /** Chat messages a participant may send per second, sustained. */
  CHAT_RATE_PER_SECOND: z.coerce.number().positive().default(5),
  /** Chat messages a participant may send at once before the rate applies. */
  CHAT_BURST: z.coerce.number().int().min(1).default(10),
  /** Comma-separated origins allowed to open Socket.IO; empty allows the same origin only. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Redis for scale-out (`redis://[:password@]host:port[/db]`); empty keeps everything in this one gateway (SQLite). */
  REDIS_URL: z
    .string()
    .default('')
    .refine((value) => value === '' || /^rediss?:\/\/[^\s]+$/.test(value), 'must be a redis:// or rediss:// URL'),
});

export type Env = z.infer<typeof envSchema>;

/** Every variable the gateway reads (for the deployment check that .env.example and compose list them all). */
export const ENV_KEYS = Object.keys(envSchema.shape) as readonly (keyof Env)[];

/** Parley's validated configuration. */
export interface Config {
  /** NODE_ENV=production: placeholder secrets were refused. */
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  /** The separate `/metrics` listener (port 0 picks a free one). */
  readonly metrics: { readonly port: number; readonly host: string };
  /**
   * Every Janus instance (at least one), by WebSocket URL, the VideoRoom
   * admin_key and the core api_secret they share, and whether clients'
   * private-address ICE candidates are passed on to them.
   */
  readonly janus: {
    readonly urls: readonly string[];
    readonly adminKey: string;
    readonly apiSecret: string;
    readonly allowPrivateCandidates: boolean;
  };
  readonly dataDir: string;
  readonly clientDir: string | null;
  readonly roomMaxParticipants: number;
  readonly roomMaxScreenShares: number;
  /** Live rooms this gateway holds at once; a join that would open one more gets `room.limit`. */
  readonly roomMaxLive: number;
  /** How long a lobby knock waits for a host before it lapses. */
  readonly lobbyKnockSeconds: number;
  readonly resumeGraceSeconds: number;
  readonly session: { readonly secret: string | undefined; readonly ttlSeconds: number };
  readonly iceServers: readonly { readonly urls: string }[];
  readonly allowedOrigins: readonly string[];
  /** coturn with `use-auth-secret`; null when no TURN_URLS are set. */
  readonly turn: { readonly urls: readonly string[]; readonly secret: string; readonly ttlSeconds: number } | null;
  readonly logLevel: Env['LOG_LEVEL'];
  /** Redis for several gateways (store, Socket.IO adapter, room state); null for one gateway on SQLite. */
  readonly redisUrl: string | null;
  readonly chat: {
    /** Days a meeting's chat is kept after it ended; null: deleted when it ends. */
    readonly retentionDays: number | null;
    readonly systemMessages: boolean;
    readonly ratePerSecond: number;
    readonly burst: number;
  };
}

/** A setting in the environment that does not validate. The message names the key. */
export class ConfigError extends Error {}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** What is wrong with a JANUS_URLS value, or null (an empty value means "use JANUS_URL"). */
function janusUrlsProblem(value: string): string | null {
  if (value.trim() === '') return null;
  const urls = list(value);
  if (urls.length === 0) return 'must list at least one ws:// or wss:// URL, comma-separated';
  const seen = new Set<string>();
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `"${url}" is not a URL (expected ws://host:port or wss://host:port, comma-separated)`;
    }
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return `"${url}" must be a ws:// or wss:// URL`;
    if (seen.has(parsed.href)) return `lists "${url}" twice`;
    seen.add(parsed.href);
  }
  return null;
}

/**
 * With NODE_ENV=production, stops start-up on a secret anyone can read in
 * this repository (a default, or .env.example's placeholder copied unedited),
 * naming the variable. Defaults count: an unset JANUS_ADMIN_KEY is the
 * committed development key. A Redis reached without a password is refused too.
 */
function refusePublishedSecrets(e: Env): void {
  for (const [name, published] of Object.entries(PUBLISHED_SECRETS) as [keyof typeof PUBLISHED_SECRETS, readonly string[]][]) {
    const value = e[name];
    if (value === undefined) continue;
    if (published.includes(value) || PLACEHOLDER.test(value)) {
      throw new ConfigError(
        `Invalid configuration: ${name}: is a placeholder or default published with Parley; with NODE_ENV=production set it to a secret of your own (openssl rand -hex 32)`,
      );
    }
  }
  // Redis holds chat, password hashes, revocations and maybe the session key.
  if (e.REDIS_URL !== '') {
    const password = decodeURIComponent(new URL(e.REDIS_URL).password);
    if (password === '' || PLACEHOLDER.test(password)) {
      throw new ConfigError(
        'Invalid configuration: REDIS_URL: needs a password of your own with NODE_ENV=production (redis://:password@host:port, the requirepass of that Redis)',
      );
    }
  }
}

/**
 * Validates the environment once at start-up and fails fast naming the bad key.
 * Nothing else in the gateway reads `process.env`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') refusePublishedSecrets(e);
  const turnUrls = list(e.TURN_URLS);
  if (turnUrls.length > 0 && e.TURN_SECRET === undefined) {
    throw new ConfigError('Invalid configuration: TURN_SECRET: required when TURN_URLS is set');
  }
  return {
    production: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST },
    janus: {
      urls: e.JANUS_URLS.trim() === '' ? [e.JANUS_URL] : list(e.JANUS_URLS),
      adminKey: e.JANUS_ADMIN_KEY,
      apiSecret: e.JANUS_API_SECRET,
      allowPrivateCandidates: e.ALLOW_PRIVATE_CANDIDATES === 'true',
    },
    dataDir: resolve(e.DATA_DIR),
    clientDir: e.CLIENT_DIR === '' ? null : resolve(e.CLIENT_DIR),
    roomMaxParticipants: e.ROOM_MAX_PARTICIPANTS,
    roomMaxScreenShares: e.ROOM_MAX_SCREEN_SHARES,
    roomMaxLive: e.ROOM_MAX_LIVE,
    lobbyKnockSeconds: e.LOBBY_KNOCK_SECONDS,
    resumeGraceSeconds: e.RESUME_GRACE_SECONDS,
    session: { secret: e.SESSION_SECRET, ttlSeconds: e.SESSION_TTL_SECONDS },
    iceServers: list(e.ICE_SERVERS).map((urls) => ({ urls })),
    allowedOrigins: list(e.ALLOWED_ORIGINS),
    turn:
      turnUrls.length > 0 && e.TURN_SECRET !== undefined
        ? { urls: turnUrls, secret: e.TURN_SECRET, ttlSeconds: e.TURN_TTL_SECONDS }
        : null,
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL === '' ? null : e.REDIS_URL,
    chat: {
      retentionDays: e.CHAT_RETENTION === 'meeting' ? null : Number(e.CHAT_RETENTION),
      systemMessages: e.CHAT_SYSTEM_MESSAGES === 'true',
      ratePerSecond: e.CHAT_RATE_PER_SECOND,
      burst: e.CHAT_BURST,
    },
  };
}
