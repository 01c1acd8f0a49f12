import type { SdkConnectionView } from '@switchboard/shared';
import type { MessageKey } from '../../i18n/messages.en';

// Stable order across refreshes: by reported address, then the oldest connection first.
export function sortConnections(connections: readonly SdkConnectionView[]): SdkConnectionView[] {
  return [...connections].sort(
    (a, b) =>
      a.clientIp.localeCompare(b.clientIp, undefined, { numeric: true }) ||
      a.connectedAt.localeCompare(b.connectedAt) ||
      a.connectionId.localeCompare(b.connectionId),
  );
}

// The labels as `key=value` tags: the SDK module (config or naming) first, then by name.
export function labelEntries(labels: Record<string, string>): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) =>
    a === 'module' ? -1 : b === 'module' ? 1 : a.localeCompare(b),
  );
}

// Labels every Nacos SDK sends the same way, which tell connections apart by nothing.
export const ROUTINE_LABELS: ReadonlySet<string> = new Set(['source', 'tls.enable', 'taskId']);

// The labels worth a tag in the list, and the routine ones (shown folded).
export function splitLabels(labels: Record<string, string>): { telling: [string, string][]; routine: [string, string][] } {
  const entries = labelEntries(labels);
  return {
    telling: entries.filter(([key]) => !ROUTINE_LABELS.has(key)),
    routine: entries.filter(([key]) => ROUTINE_LABELS.has(key)),
  };
}

// Whether a connection matches a free-text filter: its addresses, SDK version, labels, the
// services it subscribes to and the configs it listens to.
export function matchesConnection(connection: SdkConnectionView, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [
    connection.clientIp,
    connection.remoteAddress,
    connection.clientVersion,
    connection.nodeId,
    ...Object.entries(connection.labels).map(([key, value]) => `${key}=${value}`),
    ...connection.subscriptions.map((s) => `${s.groupName}@@${s.serviceName}`),
    ...connection.listenedConfigs.map((c) => `${c.group}/${c.dataId}`),
  ];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

export function filterConnections(
  connections: readonly SdkConnectionView[],
  query: string,
): SdkConnectionView[] {
  return sortConnections(connections.filter((c) => matchesConnection(c, query)));
}

// How long ago `iso` was, on the server's clock: the list carries the server's time (`serverAt`)
// and arrived at `receivedAtMs` local time, so a skewed browser clock does not shift the ages.
export function elapsedSince(iso: string, serverAt: string, receivedAtMs: number, nowMs: number): number {
  const serverNow = Date.parse(serverAt) + Math.max(0, nowMs - receivedAtMs);
  return Math.max(0, serverNow - Date.parse(iso));
}

// How long ago, in the coarsest unit that still says something.
export function agoMessage(elapsedMs: number): { key: MessageKey; count: number } {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 120) return { key: 'connections.ago.seconds', count: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return { key: 'connections.ago.minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { key: 'connections.ago.hours', count: hours };
  return { key: 'connections.ago.days', count: Math.floor(hours / 24) };
}

// The message for a count: its singular form for exactly one.
export function countMessage(count: number, one: MessageKey, other: MessageKey): MessageKey {
  return count === 1 ? one : other;
}

// The console's date format with seconds (`2026-11-25 08:09:07`).
export function dateTimeWithSeconds(iso: string, formatDateTime: (iso: string) => string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDateTime(iso)}:${String(date.getSeconds()).padStart(2, '0')}`;
}

// `14:03:07` in local time.
export function timeWithSeconds(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
