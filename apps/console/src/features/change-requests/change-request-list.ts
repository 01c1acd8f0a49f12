import type { ChangeRequestState, ChangeRequestSummaryView } from '@switchboard/shared';

// What the list shows: one state, or every request.
export type StateFilter = ChangeRequestState | 'all';
export const STATE_FILTERS: readonly StateFilter[] = ['open', 'approved', 'applied', 'rejected', 'withdrawn', 'all'];

export const matchesFilter = (request: ChangeRequestSummaryView, filter: StateFilter) =>
  filter === 'all' || request.state === filter;

// The live view of a namespace's requests: the latest summary the topic told of each request.
// `told` marks those an event reported (a snapshot only refreshes what the list already holds).
export interface LiveRequests {
  byId: Record<string, { summary: ChangeRequestSummaryView; told: boolean }>;
}

export function liveFromSnapshot(snapshot: ChangeRequestSummaryView[]): LiveRequests {
  const byId: LiveRequests['byId'] = {};
  for (const summary of snapshot) byId[summary.id] = { summary, told: false };
  return { byId };
}

export function liveWithEvent(live: LiveRequests, summary: ChangeRequestSummaryView): LiveRequests {
  const known = live.byId[summary.id];
  if (known && known.summary.revision > summary.revision) return live;
  return { byId: { ...live.byId, [summary.id]: { summary, told: true } } };
}

// The loaded page with what the topic said since: newer summaries replace older ones, a request
// that left the filter's state leaves the list, a new one (or one entering the state) joins it.
// Newest activity first.
export function mergeLive(
  loaded: readonly ChangeRequestSummaryView[],
  live: LiveRequests | undefined,
  filter: StateFilter,
): ChangeRequestSummaryView[] {
  const merged = new Map(loaded.map((request) => [request.id, request]));
  for (const { summary, told } of Object.values(live?.byId ?? {})) {
    const current = merged.get(summary.id);
    if (current && current.revision >= summary.revision) continue;
    if (!current && !told) continue;
    if (matchesFilter(summary, filter)) merged.set(summary.id, summary);
    else merged.delete(summary.id);
  }
  return [...merged.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
}
