import type { PageQuery } from '../common/page';
import type { CanaryPlan, CanaryTarget } from '../config-center/canary.types';
import type { ConfigType } from '../config-center/config.types';

// A namespace's review policy. `required`: configs of the namespace change only through an
// approved change request (or a token granted publish-direct); `off`: anyone with write publishes.
export type ReviewMode = 'off' | 'required';

export interface ReviewPolicyView {
  mode: ReviewMode;
  minApprovals: number; // approvals a change request needs (never its author's own)
}

export interface ReviewPolicyRequest {
  mode: ReviewMode;
  minApprovals?: number; // default 1
}

export const REVIEW_POLICY_RULES = { minApprovals: { min: 1, max: 10 } } as const;

// open → approved → applied; open or approved → rejected / withdrawn. An edit or a rebase of an
// approved request takes it back to open (its approvals are reset).
export type ChangeRequestState = 'open' | 'approved' | 'applied' | 'rejected' | 'withdrawn';
export const CHANGE_REQUEST_STATES: readonly ChangeRequestState[] = ['open', 'approved', 'applied', 'rejected', 'withdrawn'];

// What one item proposes for one config of the namespace.
// publish: new content; delete: remove the config; canary: start a canary of `content` for `canary`.
export type ChangeItemAction = 'publish' | 'delete' | 'canary';

export interface ChangeItemRequest {
  group: string;
  dataId: string;
  action: ChangeItemAction;
  content?: string; // publish, canary
  type?: ConfigType; // publish, canary; default: the config's type (text for a new one)
  canary?: { target?: Partial<CanaryTarget>; plan?: CanaryPlan }; // canary
  baseVersion?: number; // the head version the change was made against; default: the current head (0: new config)
}

export interface ChangeItemView {
  group: string;
  dataId: string;
  action: ChangeItemAction;
  content: string | null; // null for delete
  type: ConfigType | null;
  canary: { target: CanaryTarget; plan: CanaryPlan | null } | null;
  baseVersion: number; // 0: the config did not exist
  baseContent: string; // the content at baseVersion ("" for a new config)
  headVersion: number; // the config's version now (0: absent)
  stale: boolean; // the head moved on from baseVersion: applying is refused until a rebase
  unifiedDiff: string; // base → proposed
}

export interface ChangeApprovalView {
  user: string;
  at: string; // ISO 8601
}

export interface ChangeCommentView {
  id: number;
  author: string;
  body: string;
  at: string;
}

export interface ChangeRequestSummaryView {
  id: string;
  namespaceId: string;
  title: string;
  state: ChangeRequestState;
  author: string;
  approvals: ChangeApprovalView[];
  requiredApprovals: number;
  configs: string[]; // "group/dataId" of each item
  revision: number; // bumped by every change of the request
  createdAt: string;
  updatedAt: string;
  closedBy: string | null; // who applied, rejected or withdrew it
  closedAt: string | null;
}

export interface ChangeRequestView extends ChangeRequestSummaryView {
  description: string;
  items: ChangeItemView[];
  comments: ChangeCommentView[];
  appliedVersions: { group: string; dataId: string; version: number }[]; // once applied
  // What the caller may do now (the console shows only these buttons).
  allowed: { approve: boolean; reject: boolean; apply: boolean; withdraw: boolean; edit: boolean; rebase: boolean };
}

export interface CreateChangeRequestRequest {
  title: string;
  description?: string;
  items: ChangeItemRequest[];
}

export interface UpdateChangeRequestRequest {
  title?: string;
  description?: string;
  items?: ChangeItemRequest[]; // replaces every item; approvals are reset
  expectedRevision?: number;
}

export interface ReviewChangeRequestRequest {
  comment?: string;
  expectedRevision?: number;
}

export interface CommentChangeRequestRequest {
  body: string;
}

export interface ListChangeRequestsQuery extends PageQuery {
  state?: ChangeRequestState;
  author?: string;
}

export const CHANGE_REQUEST_RULES = {
  titleMaxLength: 200,
  descriptionMaxLength: 10_000,
  commentMaxLength: 10_000,
  maxItems: 50,
} as const;

// Pushed on the `change-requests` topic of a namespace after every transition.
export type ChangeRequestTransition = 'opened' | 'edited' | 'rebased' | 'reviewed' | 'approved' | 'rejected' | 'withdrawn' | 'applied' | 'commented';

export interface ChangeRequestChangedEvent {
  transition: ChangeRequestTransition;
  request: ChangeRequestSummaryView;
  actor: string;
  at: string;
}
