import { isAbsolute, join, resolve } from 'node:path';
import { SETTINGS_SCHEMA, type RawSettings, type SettingsKey } from './settings.schema';
import type { Settings } from './settings';

export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidSettingsError';
  }
}

export const SQLITE_FILE_NAME = 'switchboard.sqlite';

// Pure: validates every variable and throws one error naming each bad one with its rule.
export function loadSettings(env: NodeJS.ProcessEnv, cwd = process.cwd()): Settings {
  const problems: string[] = [];
  const raw: Partial<Record<SettingsKey, unknown>> = {};
  for (const key of Object.keys(SETTINGS_SCHEMA) as SettingsKey[]) {
    const entry = SETTINGS_SCHEMA[key];
    const value = env[key] === '' ? undefined : env[key];
    const parsed = entry.schema.safeParse(value);
    if (parsed.success) {
      raw[key] = parsed.data;
    } else {
      const shown = 'sensitive' in entry && entry.sensitive ? '<hidden>' : JSON.stringify(value);
      problems.push(`${key}=${shown}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
  }
  const values = raw as RawSettings;
  if (!problems.some((p) => p.startsWith('DB_TYPE=')) && values.DB_TYPE !== 'sqlite' && !values.DB_URL) {
    problems.push(`DB_URL: is required when DB_TYPE=${values.DB_TYPE}`);
  }
  if (values.REDIS_URL && !problems.some((p) => p.startsWith('DB_TYPE=')) && values.DB_TYPE === 'sqlite') {
    problems.push('REDIS_URL: cluster mode needs DB_TYPE=postgres or mysql (an SQLite file belongs to one node)');
  }
  if (values.REDIS_URL && values.AUTH_ENABLED === 'true' && !values.AUTH_TOKEN_SECRET && !problems.some((p) => p.startsWith('AUTH_TOKEN_SECRET='))) {
    problems.push('AUTH_TOKEN_SECRET: is required in cluster mode (REDIS_URL set), so that every node accepts the tokens the others sign');
  }
  if (values.GRPC_PORT === undefined && values.PORT > 64535 && !problems.some((p) => p.startsWith('PORT=') || p.startsWith('GRPC_PORT='))) {
    problems.push(`GRPC_PORT: the default, PORT + 1000, is above 65535 for PORT=${values.PORT}; set GRPC_PORT (0 turns gRPC off)`);
  }
  if (problems.length) throw new InvalidSettingsError(problems);
  return toSettings(values, cwd);
}

function toSettings(values: RawSettings, cwd: string): Settings {
  const dataDir = isAbsolute(values.DATA_DIR) ? values.DATA_DIR : resolve(cwd, values.DATA_DIR);
  const consoleDir = values.CONSOLE_DIR
    ? resolve(cwd, values.CONSOLE_DIR)
    : resolve(__dirname, '..', '..', '..', 'console', 'dist');
  const db: Settings['db'] =
    values.DB_TYPE === 'sqlite'
      ? {
          type: 'sqlite',
          file: join(dataDir, SQLITE_FILE_NAME),
          busyTimeoutMs: values.DB_SQLITE_BUSY_TIMEOUT_MS,
          synchronous: values.DB_SQLITE_SYNCHRONOUS,
        }
      : values.DB_TYPE === 'postgres'
        ? { type: 'postgres', url: values.DB_URL, schema: values.DB_SCHEMA }
        : { type: 'mysql', url: values.DB_URL };
  return {
    http: {
      port: values.PORT,
      host: values.HOST,
      bodyLimitBytes: values.BODY_LIMIT_BYTES,
      shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    },
    grpc: {
      port: values.GRPC_PORT ?? (values.PORT === 0 ? 0 : values.PORT + 1000),
      idleMs: values.GRPC_IDLE_MS,
      pushTimeoutMs: values.GRPC_PUSH_TIMEOUT_MS,
      rebalance: values.GRPC_REBALANCE === 'true',
    },
    dataDir,
    consoleDir,
    db,
    naming: {
      heartbeatIntervalMs: values.NAMING_HEARTBEAT_INTERVAL_MS,
      unhealthyAfterMs: values.NAMING_UNHEALTHY_AFTER_MS,
      expireAfterMs: values.NAMING_EXPIRE_AFTER_MS,
      sweepIntervalMs: values.NAMING_SWEEP_INTERVAL_MS,
      probeIntervalMs: values.NAMING_PROBE_INTERVAL_MS,
      probeTimeoutMs: values.NAMING_PROBE_TIMEOUT_MS,
      pushCacheMillis: values.NAMING_PUSH_CACHE_MILLIS,
      udpPush: values.NAMING_UDP_PUSH === 'true',
      udpAckTimeoutMs: values.NAMING_UDP_ACK_TIMEOUT_MS,
      udpMaxRetries: values.NAMING_UDP_MAX_RETRIES,
      udpSubscriberTtlMs: values.NAMING_UDP_SUBSCRIBER_TTL_MS,
    },
    config: {
      maxContentBytes: values.CONFIG_MAX_CONTENT_BYTES,
      longPollMinHoldMs: values.CONFIG_LONG_POLL_MIN_HOLD_MS,
      longPollMaxHoldMs: values.CONFIG_LONG_POLL_MAX_HOLD_MS,
      listenerTtlMs: values.CONFIG_LISTENER_TTL_MS,
    },
    auth: {
      enabled: values.AUTH_ENABLED === 'true',
      adminUsername: values.AUTH_ADMIN_USERNAME,
      adminPassword: values.AUTH_ADMIN_PASSWORD,
      tokenSecret: values.AUTH_TOKEN_SECRET,
      tokenTtlS: values.AUTH_TOKEN_TTL_S,
      maxFailedLogins: values.AUTH_MAX_FAILED_LOGINS,
      loginDelayMs: values.AUTH_LOGIN_DELAY_MS,
      lockoutMs: values.AUTH_LOCKOUT_MS,
      credentialCacheMs: values.AUTH_CREDENTIAL_CACHE_MS,
    },
    canary: { planTickMs: values.CANARY_PLAN_TICK_MS },
    webhooks: { timeoutMs: values.WEBHOOK_TIMEOUT_MS, maxAttempts: values.WEBHOOK_MAX_ATTEMPTS, retryBaseMs: values.WEBHOOK_RETRY_BASE_MS, concurrency: values.WEBHOOK_CONCURRENCY },
    cluster: values.REDIS_URL
      ? {
          redisUrl: values.REDIS_URL,
          name: values.CLUSTER_NAME,
          feedPollMs: values.CLUSTER_FEED_POLL_MS,
          feedRetentionMs: values.CLUSTER_FEED_RETENTION_MS,
          lagWarnMs: values.CLUSTER_LAG_WARN_MS,
          withholdNotices: values.CLUSTER_WITHHOLD_NOTICES === 'true',
        }
      : null,
    trustedProxies: values.TRUSTED_PROXIES.split(',').map((p) => p.trim()).filter(Boolean),
    corsOrigins: values.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    log: { level: values.LOG_LEVEL, requests: values.LOG_REQUESTS, format: values.LOG_FORMAT },
    ops: { eventLoopStallWarnMs: values.EVENT_LOOP_STALL_WARN_MS },
    limits: { expensiveRequestsPerCaller: values.EXPENSIVE_REQUESTS_PER_CALLER },
  };
}
