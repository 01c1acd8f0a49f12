// Defaults mirror Nacos (api/common/Constants) so Nacos clients behave the same here.
export const DEFAULT_NAMESPACE_ID = 'public';
export const DEFAULT_GROUP = 'DEFAULT_GROUP';
export const DEFAULT_CLUSTER = 'DEFAULT';
export const DEFAULT_PORT = 8848;
export const DEFAULT_CONFIG_QUOTA = 200;

export const HEARTBEAT_DEFAULTS = {
  intervalMs: 5_000,
  unhealthyAfterMs: 15_000,
  expireAfterMs: 30_000,
} as const;

// Response header carrying the per-request id (also accepted on requests).
export const REQUEST_ID_HEADER = 'x-request-id';
