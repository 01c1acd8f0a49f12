import { z } from 'zod';

// One entry per environment variable: its rule, its default, and whether it carries a secret
// (secret values are never printed, not even in the start-up error).
const port = z.coerce
  .number({ error: 'must be an integer from 0 to 65535' })
  .int({ error: 'must be an integer from 0 to 65535' })
  .min(0, { error: 'must be an integer from 0 to 65535' })
  .max(65535, { error: 'must be an integer from 0 to 65535' });

const positiveInt = (rule: string) =>
  z.coerce.number({ error: rule }).int({ error: rule }).positive({ error: rule });

export const SETTINGS_SCHEMA = {
  PORT: { schema: port.default(8848), description: 'HTTP port for the API, the Nacos API, socket.io and the console' },
  GRPC_PORT: {
    schema: port.optional(),
    description: 'gRPC port for the Nacos 2.x/3.x SDKs (default: PORT + 1000, as the SDKs expect; 0 turns gRPC off)',
  },
  GRPC_IDLE_MS: {
    schema: positiveInt('must be a positive integer (milliseconds)').default(20_000),
    description: 'A gRPC connection silent for this long is asked whether its client is still there (ClientDetectionRequest), and closed when it does not answer',
  },
  GRPC_PUSH_TIMEOUT_MS: {
    schema: positiveInt('must be a positive integer (milliseconds)').default(3000),
    description: 'How long a gRPC client has to acknowledge a push (a config change, a service change) before it is sent again',
  },
  GRPC_REBALANCE: {
    schema: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
    description: 'Cluster mode: a node holding more than its share of the gRPC connections asks the newest of the excess to move to another node (ConnectResetRequest)',
  },
  HOST: { schema: z.string().min(1, { error: 'must not be empty' }).default('0.0.0.0'), description: 'Address to listen on' },
  DATA_DIR: { schema: z.string().min(1, { error: 'must not be empty' }).default('data'), description: 'Directory for the embedded SQLite file and other local state' },
  DB_TYPE: {
    schema: z.enum(['sqlite', 'postgres', 'mysql'], { error: 'must be one of sqlite, postgres, mysql' }).default('sqlite'),
    description: 'Database: embedded sqlite, or postgres / mysql (MySQL or MariaDB) for cluster mode',
  },
  DB_URL: {
    schema: z
      .string()
      .refine((v) => v === '' || /^(postgres|postgresql|mysql|mariadb):\/\/\S+$/.test(v), { error: 'must be a postgres:// or mysql:// URL' })
      .default(''),
    description: 'Connection URL for postgres / mysql, e.g. postgres://user:pass@127.0.0.1:5432/switchboard',
    sensitive: true,
  },
  DB_SCHEMA: { schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an SQL identifier' }).default('public'), description: 'PostgreSQL schema to use' },
  DB_SQLITE_BUSY_TIMEOUT_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(5000), description: 'SQLite busy timeout' },
  DB_SQLITE_SYNCHRONOUS: {
    schema: z.enum(['FULL', 'NORMAL'], { error: 'must be FULL or NORMAL' }).default('FULL'),
    description: 'SQLite synchronous mode: FULL survives power loss, NORMAL survives process crashes',
  },
  REDIS_URL: {
    schema: z
      .string()
      .refine((v) => v === '' || /^rediss?:\/\/\S+$/.test(v), { error: 'must be a redis:// or rediss:// URL' })
      .default(''),
    description: 'Cluster mode: the Redis server that carries change notices between the nodes sharing one postgres / mysql database (empty: a single node)',
    sensitive: true,
  },
  CLUSTER_NAME: {
    schema: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'must be 1 to 64 letters, digits or _.-' }).default('switchboard'),
    description: 'Cluster mode: the name of the cluster; its nodes talk on Redis channels named after it, so several clusters can share one Redis',
  },
  CLUSTER_FEED_POLL_MS: {
    schema: positiveInt('must be a positive integer (milliseconds)').default(1000),
    description: 'Cluster mode: how often each node reads the head of the change feed, so a change whose Redis notice was lost reaches it within this long',
  },
  CLUSTER_FEED_RETENTION_MS: {
    schema: positiveInt('must be a positive integer (milliseconds)').default(24 * 3600_000),
    description: 'Cluster mode: how long rows stay in the change feed; a node further behind than that reloads everything from the database',
  },
  CLUSTER_LAG_WARN_MS: {
    schema: positiveInt('must be a positive integer (milliseconds)').default(5000),
    description: 'Cluster mode: /health/ready reports the cluster as lagging when this node has been behind the head of the change feed for longer than this',
  },
  CLUSTER_WITHHOLD_NOTICES: {
    schema: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    description: 'For fault tests only: this node sends no Redis notice of its commits, as if it died between each commit and its notice (the others learn them from the change feed)',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
    description: 'Log level of the logs on stdout',
  },
  LOG_FORMAT: {
    schema: z.enum(['auto', 'json', 'pretty'], { error: 'must be one of auto, json, pretty' }).default('auto'),
    description: 'Log format on stdout: auto (readable lines on a terminal, JSON lines otherwise: pipes, files, log collectors), json, or pretty',
  },
  LOG_REQUESTS: {
    schema: z.enum(['all', 'errors', 'none'], { error: 'must be one of all, errors, none' }).default('errors'),
    description: 'Which requests get a `request completed` line at info level: every one (an access log), those answered with an error (status 400 and above, or a gRPC error code), or none',
  },
  BODY_LIMIT_BYTES: { schema: positiveInt('must be a positive integer (bytes)').default(16 * 1024 * 1024), description: 'Largest accepted request body' },
  SHUTDOWN_TIMEOUT_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(10_000), description: 'Longest graceful shutdown before the process exits anyway' },
  EVENT_LOOP_STALL_WARN_MS: {
    schema: positiveInt('must be a positive integer (milliseconds)').default(1000),
    description: 'A warning is logged when the event loop was blocked for longer than this',
  },
  EXPENSIVE_REQUESTS_PER_CALLER: {
    schema: positiveInt('must be a positive integer').default(4),
    description: 'Config searches, exports and history diffs one caller (user, or address when anonymous) may have running at once; more answer 429',
  },
  NAMING_HEARTBEAT_INTERVAL_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(5000), description: 'Heartbeat interval told to clients' },
  NAMING_UNHEALTHY_AFTER_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(15_000), description: 'An ephemeral instance without a beat for this long is unhealthy' },
  NAMING_EXPIRE_AFTER_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(30_000), description: 'An ephemeral instance without a beat for this long is removed' },
  NAMING_SWEEP_INTERVAL_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(1000), description: 'How often heartbeat silence is checked' },
  NAMING_PROBE_INTERVAL_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(5000), description: 'How often persistent instances are probed (TCP or HTTP)' },
  NAMING_PROBE_TIMEOUT_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(2000), description: 'Probe connect / response timeout' },
  NAMING_PUSH_CACHE_MILLIS: { schema: positiveInt('must be a positive integer (milliseconds)').default(10_000), description: 'cacheMillis told to polling Nacos clients' },
  NAMING_UDP_PUSH: { schema: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'), description: 'Push instance changes over UDP to Nacos 1.x-style clients that ask for it' },
  NAMING_UDP_ACK_TIMEOUT_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(1000), description: 'Wait this long for a UDP push-ack before resending' },
  NAMING_UDP_MAX_RETRIES: { schema: z.coerce.number({ error: 'must be an integer from 0 to 10' }).int({ error: 'must be an integer from 0 to 10' }).min(0, { error: 'must be an integer from 0 to 10' }).max(10, { error: 'must be an integer from 0 to 10' }).default(3), description: 'UDP push resends without an ack' },
  NAMING_UDP_SUBSCRIBER_TTL_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(30_000), description: 'A UDP subscriber that stops polling is forgotten after this long' },
  CONFIG_MAX_CONTENT_BYTES: { schema: positiveInt('must be a positive integer (bytes)').default(10 * 1024 * 1024), description: 'Largest config content (UTF-8 bytes)' },
  CONFIG_LONG_POLL_MIN_HOLD_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(10_000), description: 'Shortest hold of a Nacos long-poll request' },
  CONFIG_LONG_POLL_MAX_HOLD_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(60_000), description: 'Longest hold of a Nacos long-poll request, whatever the client asks' },
  CONFIG_LISTENER_TTL_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(90_000), description: 'A long-polling client that stops polling is forgotten after this long' },
  CANARY_PLAN_TICK_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(1000), description: 'How often running canary plans check their bake time and health gate' },
  WEBHOOK_TIMEOUT_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(10_000), description: 'How long a webhook receiver has to answer one delivery attempt before it counts as failed' },
  WEBHOOK_MAX_ATTEMPTS: { schema: positiveInt('must be a positive integer').default(6), description: 'Attempts of one webhook delivery (the first included) before it is marked failed' },
  WEBHOOK_RETRY_BASE_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(1000), description: 'Wait before the second attempt of a webhook delivery; doubled for each further attempt (capped at one hour)' },
  WEBHOOK_CONCURRENCY: { schema: positiveInt('must be a positive integer').default(16), description: 'Webhook delivery attempts in flight at once on this node' },
  TRUSTED_PROXIES: {
    schema: z
      .string()
      .refine((v) => v.split(',').map((p) => p.trim()).filter(Boolean).every((p) => /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/.test(p)), { error: 'must be a comma-separated list of IP addresses or CIDR ranges' })
      .default(''),
    description: 'Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed for the client address (canary targeting, UDP push)',
  },
  AUTH_ENABLED: { schema: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'), description: 'false: no authentication at all (local development only)' },
  AUTH_ADMIN_USERNAME: { schema: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, { error: 'must be 1 to 64 letters, digits or _.@-' }).default('admin'), description: 'The first administrator, created on first start' },
  AUTH_ADMIN_PASSWORD: {
    schema: z.string().refine((v) => v === '' || (v.length >= 8 && v.length <= 128), { error: 'must be 8 to 128 characters' }).default(''),
    description: "The first administrator's password; generated and printed once when empty",
    sensitive: true,
  },
  AUTH_TOKEN_SECRET: {
    schema: z.string().refine((v) => v === '' || v.length >= 32, { error: 'must be at least 32 characters' }).default(''),
    description: 'Secret that signs login tokens; generated on first start and kept in DATA_DIR/token-secret when empty',
    sensitive: true,
  },
  AUTH_TOKEN_TTL_S: { schema: positiveInt('must be a positive integer (seconds)').default(18_000), description: 'Lifetime of a login token' },
  AUTH_MAX_FAILED_LOGINS: { schema: positiveInt('must be a positive integer').default(5), description: 'Failed logins in a row for one user from one client address before that address is locked out for the user' },
  AUTH_LOGIN_DELAY_MS: {
    schema: z.coerce.number({ error: 'must be an integer from 0 to 600000 (milliseconds)' }).int({ error: 'must be an integer from 0 to 600000 (milliseconds)' }).min(0, { error: 'must be an integer from 0 to 600000 (milliseconds)' }).max(600_000, { error: 'must be an integer from 0 to 600000 (milliseconds)' }).default(1000),
    description: 'After the second failed login in a row (one user, one address) the next attempt waits this long, doubling with each further failure; 0: no waits',
  },
  AUTH_LOCKOUT_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(15 * 60_000), description: 'How long a lock-out lasts; also how long a login that succeeded from an address keeps working from there through a lock-out' },
  AUTH_CREDENTIAL_CACHE_MS: { schema: positiveInt('must be a positive integer (milliseconds)').default(30_000), description: 'How long a verified username/password pair (sent on every Nacos client request) is trusted without bcrypt' },
  CORS_ORIGINS: { schema: z.string().default(''), description: 'Comma-separated origins allowed to call the API from a browser (empty: same origin only)' },
  CONSOLE_DIR: { schema: z.string().default(''), description: 'Directory of the built console (default: apps/console/dist beside the server)' },
} as const;

export type SettingsKey = keyof typeof SETTINGS_SCHEMA;
export type RawSettings = { [K in SettingsKey]: z.output<(typeof SETTINGS_SCHEMA)[K]['schema']> };
