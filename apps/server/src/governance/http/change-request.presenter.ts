import type { ChangeItemView, ChangeRequestSummaryView, ChangeRequestView } from '@switchboard/shared';
import { unifiedDiff } from '../../config-center/domain/config-diff';
import type { ChangeRequestCommentEntity } from '../domain/change-request.entity';
import type { ChangeItem, ChangeRequestRecord } from '../domain/change-request.record';
import type { Permitted } from '../change-requests.service';

const iso = (ms: number) => new Date(ms).toISOString();

// The only places change request views are built.
export function presentChangeRequestSummary(record: ChangeRequestRecord, requiredApprovals: number): ChangeRequestSummaryView {
  return {
    id: record.id,
    namespaceId: record.namespaceId,
    title: record.title,
    state: record.state,
    author: record.author,
    approvals: record.approvals.map((a) => ({ user: a.user, at: iso(a.atMs) })),
    requiredApprovals,
    configs: record.items.map((item) => `${item.group}/${item.dataId}`),
    revision: record.revision,
    createdAt: iso(record.createdAtMs),
    updatedAt: iso(record.updatedAtMs),
    closedBy: record.closedBy,
    closedAt: record.closedAtMs === null ? null : iso(record.closedAtMs),
  };
}

export interface ItemContext {
  baseContent: string; // the content at the item's base version ("" when absent)
  headVersion: number;
}

export function presentChangeItem(item: ChangeItem, context: ItemContext): ChangeItemView {
  const proposed = item.content ?? '';
  const name = `${item.group}/${item.dataId}`;
  return {
    group: item.group,
    dataId: item.dataId,
    action: item.action,
    content: item.content,
    type: item.type,
    canary: item.canary,
    baseVersion: item.baseVersion,
    baseContent: context.baseContent,
    headVersion: context.headVersion,
    stale: context.headVersion !== item.baseVersion,
    unifiedDiff: unifiedDiff(context.baseContent, proposed, item.baseVersion ? `${name} v${item.baseVersion}` : `${name} (new)`, `${name} (${item.action === 'delete' ? 'deleted' : 'proposed'})`),
  };
}

export function presentChangeRequest(record: ChangeRequestRecord, requiredApprovals: number, items: ChangeItemView[], comments: ChangeRequestCommentEntity[], allowed: Permitted): ChangeRequestView {
  return {
    ...presentChangeRequestSummary(record, requiredApprovals),
    description: record.description,
    items,
    comments: comments.map((c) => ({ id: c.id, author: c.author, body: c.body, at: c.at.toISOString() })),
    appliedVersions: record.appliedVersions,
    allowed,
  };
}
