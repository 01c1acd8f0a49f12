import type { ChangeItemView, ChangeRequestSummaryView, ChangeRequestView } from '@switchboard/shared';

// Change requests as the server presents them, for unit tests.
export function summaryView(overrides: Partial<ChangeRequestSummaryView> = {}): ChangeRequestSummaryView {
  return {
    id: 'cr-1',
    namespaceId: 'prod',
    title: 'Update DEFAULT_GROUP/app.yaml',
    state: 'open',
    author: 'alice',
    approvals: [],
    requiredApprovals: 1,
    configs: ['DEFAULT_GROUP/app.yaml'],
    revision: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    closedBy: null,
    closedAt: null,
    ...overrides,
  };
}

export function itemView(overrides: Partial<ChangeItemView> = {}): ChangeItemView {
  return {
    group: 'DEFAULT_GROUP',
    dataId: 'app.yaml',
    action: 'publish',
    content: 'a: 2\n',
    type: 'yaml',
    canary: null,
    baseVersion: 1,
    baseContent: 'a: 1\n',
    headVersion: 1,
    stale: false,
    unifiedDiff: '',
    ...overrides,
  };
}

export const NOTHING_ALLOWED: ChangeRequestView['allowed'] = {
  approve: false,
  reject: false,
  apply: false,
  withdraw: false,
  edit: false,
  rebase: false,
};

export function requestView(overrides: Partial<ChangeRequestView> = {}): ChangeRequestView {
  return {
    ...summaryView(),
    description: 'Raise the limit',
    items: [itemView()],
    comments: [],
    appliedVersions: [],
    allowed: NOTHING_ALLOWED,
    ...overrides,
  };
}
