// The typed settings object the whole server reads; built once from the environment.
export interface Settings {
  http: { port: number; host: string; bodyLimitBytes: number; shutdownTimeoutMs: number };
  grpc: { port: number; idleMs: number; pushTimeoutMs: number; rebalance: boolean }; // port 0: no gRPC
  dataDir: string; // absolute
  consoleDir: string; // absolute
  db:
    | { type: 'sqlite'; file: string; busyTimeoutMs: number; synchronous: 'FULL' | 'NORMAL' }
    | { type: 'postgres'; url: string; schema: string }
    | { type: 'mysql'; url: string };
  naming: {
    heartbeatIntervalMs: number;
    unhealthyAfterMs: number;
    expireAfterMs: number;
    sweepIntervalMs: number;
    probeIntervalMs: number;
    probeTimeoutMs: number;
    pushCacheMillis: number;
    udpPush: boolean;
    udpAckTimeoutMs: number;
    udpMaxRetries: number;
    udpSubscriberTtlMs: number;
  };
  config: { maxContentBytes: number; longPollMinHoldMs: number; longPollMaxHoldMs: number; listenerTtlMs: number };
  auth: {
    enabled: boolean;
    adminUsername: string;
    adminPassword: string; // empty: generate on first start
    tokenSecret: string; // empty: generate and keep in the data directory
    tokenTtlS: number;
    maxFailedLogins: number;
    loginDelayMs: number;
    lockoutMs: number;
    credentialCacheMs: number;
  };
  canary: { planTickMs: number };
  webhooks: { timeoutMs: number; maxAttempts: number; retryBaseMs: number; concurrency: number };
  // Cluster mode: several nodes sharing one PostgreSQL / MySQL database; null on a single node.
  cluster: { redisUrl: string; name: string; feedPollMs: number; feedRetentionMs: number; lagWarnMs: number; withholdNotices: boolean } | null;
  trustedProxies: string[]; // X-Forwarded-For is believed only from these
  corsOrigins: string[];
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'; requests: 'all' | 'errors' | 'none'; format: 'auto' | 'json' | 'pretty' };
  ops: { eventLoopStallWarnMs: number };
  limits: { expensiveRequestsPerCaller: number }; // searches, exports and diffs in flight per caller
}
