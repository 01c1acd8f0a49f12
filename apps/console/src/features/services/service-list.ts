import type { ServiceChangedEvent, ServiceKey, ServiceSummaryView } from '@switchboard/shared';

// The service list is held whole in the browser (the `services` topic sends every summary of a
// namespace); searching, the group filter and paging happen here.

export interface ServiceFilter {
  query: string; // substring of the service name, case-insensitive
  group?: string; // exact group name; absent: every group
  hideEmpty?: boolean; // leave out services without instances
}

export const serviceRowKey = (service: ServiceKey): string =>
  `${service.groupName}@@${service.serviceName}`;

export function sortServices(items: readonly ServiceSummaryView[]): ServiceSummaryView[] {
  return [...items].sort(
    (a, b) => a.serviceName.localeCompare(b.serviceName) || a.groupName.localeCompare(b.groupName),
  );
}

// Idempotent: a summary repeated by a later event or snapshot changes nothing.
export function applyServiceChanged(
  items: ServiceSummaryView[],
  event: ServiceChangedEvent,
): ServiceSummaryView[] {
  const key = serviceRowKey(event.service);
  const others = items.filter((s) => serviceRowKey(s) !== key);
  if (event.change === 'deleted') return others.length === items.length ? items : others;
  return sortServices([...others, event.service]);
}

export function filterServices(
  items: readonly ServiceSummaryView[],
  filter: ServiceFilter,
): ServiceSummaryView[] {
  const query = filter.query.trim().toLowerCase();
  return items.filter(
    (s) =>
      (!query || s.serviceName.toLowerCase().includes(query)) &&
      (!filter.group || s.groupName === filter.group) &&
      (!filter.hideEmpty || s.instanceCount > 0),
  );
}

export function groupsOf(items: readonly ServiceSummaryView[]): string[] {
  return [...new Set(items.map((s) => s.groupName))].sort((a, b) => a.localeCompare(b));
}

// The rule Nacos' catalog uses for its "protect threshold triggered" flag.
export function summaryReachesThreshold(service: ServiceSummaryView): boolean {
  return (
    service.instanceCount > 0 &&
    service.healthyInstanceCount / service.instanceCount <= service.protectThreshold
  );
}
