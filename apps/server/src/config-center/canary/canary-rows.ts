import type { CanaryAction } from '@switchboard/shared';
import { authorOf, type Actor } from '../../identity/actor';
import type { CanaryRecord } from './domain/canary-record';
import { ConfigCanaryEntity, ConfigCanaryEventEntity } from './domain/canary.entities';

// One step in the life of a canary, as its log keeps it: the canary as it stood then.
export interface CanaryLogEntry {
  readonly canary: CanaryRecord;
  readonly action: CanaryAction;
  readonly actor: Actor;
  readonly reason: string | null;
  readonly at: Date;
}

// The width of the log's reason column: a longer reason is cut to fit.
const MAX_REASON = 512;

export function canaryRecordOf(row: ConfigCanaryEntity): CanaryRecord {
  return {
    id: row.canaryId,
    key: { namespaceId: row.namespaceId, group: row.group, dataId: row.dataId },
    revision: row.revision,
    baseVersion: row.baseVersion,
    candidate: { content: row.content, md5: row.md5, type: row.type, sizeBytes: Buffer.byteLength(row.content, 'utf8') },
    target: row.target,
    plan: row.plan,
    step: row.step,
    stepStartedAtMs: row.stepStartedAt?.getTime() ?? null,
    received: row.received,
    startedAtMs: row.startedAt.getTime(),
    startedBy: row.startedBy,
    updatedAtMs: row.updatedAt.getTime(),
    updatedBy: row.updatedBy,
  };
}

export function canaryRowOf(canary: CanaryRecord): ConfigCanaryEntity {
  return Object.assign(new ConfigCanaryEntity(), {
    ...canary.key,
    canaryId: canary.id,
    revision: canary.revision,
    baseVersion: canary.baseVersion,
    content: canary.candidate.content,
    md5: canary.candidate.md5,
    type: canary.candidate.type,
    target: canary.target,
    plan: canary.plan,
    step: canary.step,
    stepStartedAt: canary.stepStartedAtMs === null ? null : new Date(canary.stepStartedAtMs),
    received: [...canary.received],
    startedAt: new Date(canary.startedAtMs),
    startedBy: canary.startedBy,
    updatedAt: new Date(canary.updatedAtMs),
    updatedBy: canary.updatedBy,
  });
}

export function canaryEventRowOf({ canary, action, actor, reason, at }: CanaryLogEntry): ConfigCanaryEventEntity {
  return Object.assign(new ConfigCanaryEventEntity(), {
    ...canary.key,
    canaryId: canary.id,
    revision: canary.revision,
    action,
    candidateMd5: canary.candidate.md5,
    target: canary.target,
    step: canary.step,
    reason: reason?.slice(0, MAX_REASON) ?? null,
    actor: authorOf(actor),
    sourceIp: actor.sourceIp,
    at,
  });
}
