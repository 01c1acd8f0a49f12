import type { Settings } from '../settings/settings';

// Which requests get a `request completed` line (LOG_REQUESTS). Clients beat, list and poll many
// times a second each: a line for every one of those answers is megabytes of log per second on a
// busy server and, at the default level, a third of a hot answer's cost (bench/PROFILE.md). By
// default only the answers worth reading are logged — refusals and failures (status ≥ 400, or the
// gRPC error codes) — and `all` logs every request, as an access log does. Durations and counts
// of every request are on /metrics either way.
export type RequestLogMode = Settings['log']['requests'];

export function requestLogged(mode: RequestLogMode, status: number): boolean {
  return mode === 'all' || (mode === 'errors' && status >= 400);
}
