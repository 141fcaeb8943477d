/** @module The only reader of process.env: parses it once into a frozen, typed Config. */
import * as v from 'valibot';

/** `true`/`false` (also 1/0, yes/no, on/off), case-insensitive. */
const flag = v.pipe(
  v.string(),
  v.toLowerCase(),
  v.picklist(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], 'must be true or false'),
  v.transform((value) => ['true', '1', 'yes', 'on'].includes(value)),
);

/** An empty variable counts as unset. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const EnvSchema = v.object({
  PORT: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,5}$/, 'must be a port number'), v.transform(Number), v.maxValue(65_535)),
    '8080',
  ),
  HOST: v.optional(v.pipe(v.string(), v.minLength(1)), '0.0.0.0'),
  KANSOKU_DATA_DIR: v.optional(v.pipe(v.string(), v.minLength(1)), './data'),
  KANSOKU_HOST_TOKEN: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  /** A password hosts may log in with instead of the token; unset = token only. */
  KANSOKU_HOST_PASSWORD: v.optional(
    v.pipe(v.string(), v.minLength(8, 'must be at least 8 characters'), v.maxLength(512)),
  ),
  KANSOKU_PUBLIC_URL: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
  DATABASE_URL: v.optional(v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'))),
  LOG_LEVEL: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  /** Shared secret of Sora's webhooks (docs/sora.md) and key of the per-event viewer tokens; unset = webhooks off. */
  SORA_WEBHOOK_SECRET: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  /** Key of the viewer tickets (any string ≥ 32 characters); unset = a random key kept in the data dir. */
  KANSOKU_TICKET_KEY: v.optional(v.pipe(v.string(), v.minLength(32, 'must be at least 32 characters'))),
  /** The watch page's own join watchdog (sora-js-sdk's connectionTimeout never fires). */
  KANSOKU_JOIN_TIMEOUT_MS: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'must be ms'), v.transform(Number), v.minValue(2_000), v.maxValue(300_000)),
    '20000',
  ),
  /** Connected but no decoded frame for this long counts as `no-media`. */
  KANSOKU_NO_MEDIA_TIMEOUT_MS: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'must be ms'), v.transform(Number), v.minValue(1_000), v.maxValue(300_000)),
    '10000',
  ),
  /** Discord bot token; unset = Discord questions off. Never logged (no validation message can echo it). */
  DISCORD_TOKEN: v.optional(v.string()),
  /** Discord REST base URL; the gateway URL comes from `GET /gateway/bot`. Tests point it at a local fake. */
  DISCORD_API_URL: v.optional(v.pipe(v.string(), v.url('must be a URL')), 'https://discord.com/api'),
  /** React with ✅ on a Discord message when the host marks it answered. */
  KANSOKU_DISCORD_ANSWER_REACTION: v.optional(flag, 'false'),
  /** Questions of events whose scheduled start (else creation) is older than this are deleted daily. */
  KANSOKU_QUESTION_RETENTION_DAYS: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,5}$/, 'must be a number of days'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(36_500),
    ),
    '30',
  ),
  /** Believe X-Forwarded-For from this many proxies in front of us (`true` = 1); `false`/0 = use the peer address. */
  TRUST_PROXY: v.optional(
    v.pipe(
      v.string(),
      v.toLowerCase(),
      v.regex(/^(true|false|yes|no|on|off|\d{1,2})$/, 'must be true, false or a number of proxies'),
      v.transform((value) => (/^\d+$/.test(value) ? Number(value) : ['true', 'yes', 'on'].includes(value) ? 1 : 0)),
    ),
    'false',
  ),
  /** The longest a login (or a wrong token) is held after repeated failures. */
  KANSOKU_LOGIN_MAX_DELAY_MS: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'must be ms'), v.transform(Number), v.minValue(100), v.maxValue(300_000)),
    '30000',
  ),
  /** Redis for multi-process mode (docs/scale-out.md): with it, processes share events; needs DATABASE_URL. */
  REDIS_URL: v.optional(v.pipe(v.string(), v.regex(/^rediss?:\/\//, 'must be a redis:// URL'))),
  /** Prefix of Kansoku's Redis keys and channels (several clusters may share one Redis). */
  KANSOKU_REDIS_PREFIX: v.optional(
    v.pipe(v.string(), v.regex(/^[\w:.-]{1,64}$/, 'must be 1–64 of a-z 0-9 _ : . -')),
    'kansoku:',
  ),
  /** Processes to run on this machine, all on PORT (needs REDIS_URL); default: one per core with Redis, else 1. */
  KANSOKU_WORKERS: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'must be a number of processes'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(256),
    ),
  ),
  /** socket.io connections (browser tabs) one address may hold at once; more are refused at the handshake. */
  KANSOKU_MAX_CONNECTIONS_PER_ADDRESS: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,6}$/, 'must be a number of connections'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(1_000_000),
    ),
    '500',
  ),
  /** A Bearer token that opens `GET /metrics` and nothing else (for Prometheus); the host token always works too. */
  METRICS_TOKEN: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  hostToken: string | undefined;
  hostPassword: string | undefined;
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  logLevel: string;
  soraWebhookSecret: string | undefined;
  ticketKey: string | undefined;
  joinTimeoutMs: number;
  noMediaTimeoutMs: number;
  discordToken: string | undefined;
  discordApiUrl: string;
  discordAnswerReaction: boolean;
  questionRetentionDays: number;
  trustProxy: number;
  loginMaxDelayMs: number;
  metricsToken: string | undefined;
  maxConnectionsPerAddress: number;
  redisUrl: string | undefined;
  redisPrefix: string;
  /** Requested processes (undefined = the default for the mode). */
  workers: number | undefined;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every variable at fault. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.keys(EnvSchema.entries).map((key) => [key, unsetIfEmpty(env[key]?.trim())]),
  );
  const result = v.safeParse(EnvSchema, present);
  if (!result.success) {
    const lines = result.issues.map((issue) => `${v.getDotPath(issue) ?? '?'}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = result.output;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'invalid configuration:\n  REDIS_URL: needs DATABASE_URL (PostgreSQL): the processes of a cluster share one record',
    );
  }
  if ((e.KANSOKU_WORKERS ?? 1) > 1 && !e.REDIS_URL) {
    throw new ConfigError('invalid configuration:\n  KANSOKU_WORKERS: more than 1 needs REDIS_URL (and DATABASE_URL)');
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.KANSOKU_DATA_DIR,
    hostToken: e.KANSOKU_HOST_TOKEN,
    hostPassword: e.KANSOKU_HOST_PASSWORD,
    publicUrl: e.KANSOKU_PUBLIC_URL?.replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    soraWebhookSecret: e.SORA_WEBHOOK_SECRET,
    ticketKey: e.KANSOKU_TICKET_KEY,
    joinTimeoutMs: e.KANSOKU_JOIN_TIMEOUT_MS,
    noMediaTimeoutMs: e.KANSOKU_NO_MEDIA_TIMEOUT_MS,
    discordToken: e.DISCORD_TOKEN,
    discordApiUrl: e.DISCORD_API_URL.replace(/\/$/, ''),
    discordAnswerReaction: e.KANSOKU_DISCORD_ANSWER_REACTION,
    questionRetentionDays: e.KANSOKU_QUESTION_RETENTION_DAYS,
    trustProxy: e.TRUST_PROXY,
    loginMaxDelayMs: e.KANSOKU_LOGIN_MAX_DELAY_MS,
    metricsToken: e.METRICS_TOKEN,
    maxConnectionsPerAddress: e.KANSOKU_MAX_CONNECTIONS_PER_ADDRESS,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.KANSOKU_REDIS_PREFIX,
    workers: e.KANSOKU_WORKERS,
  });
}
