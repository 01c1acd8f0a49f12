import type { CanaryClientView, CanaryEventView, CanaryGuardState, CanaryView, ConfigView } from '@switchboard/shared';
import type { ConfigAnswer } from '../../config-answers';
import { presentConfig } from '../../http/config.presenter';
import type { CanaryRecord } from '../domain/canary-record';
import type { ConfigCanaryEventEntity } from '../domain/canary.entities';

const iso = (ms: number) => new Date(ms).toISOString();

// The only place canary views are built (our REST API and the socket.io topics).
export function presentCanary(canary: CanaryRecord, guard: CanaryGuardState | null, ended?: { status: 'promoted' | 'aborted'; reason: string | null }): CanaryView {
  const step = canary.plan && canary.step !== null && canary.stepStartedAtMs !== null ? canary.step : null;
  return {
    ...canary.key,
    id: canary.id,
    revision: canary.revision,
    status: ended?.status ?? 'active',
    baseVersion: canary.baseVersion,
    candidate: { ...canary.candidate },
    target: { ips: [...canary.target.ips], tags: [...canary.target.tags], weight: canary.target.weight },
    plan: canary.plan,
    progress:
      step === null || ended
        ? null
        : { step, stepStartedAt: iso(canary.stepStartedAtMs!), nextStepAt: iso(canary.stepStartedAtMs! + canary.plan!.steps[step].bakeMs), guard: canary.plan!.guard ? guard : null },
    startedAt: iso(canary.startedAtMs),
    startedBy: canary.startedBy,
    updatedAt: iso(canary.updatedAtMs),
    updatedBy: canary.updatedBy,
    endedReason: ended?.reason ?? null,
  };
}

// One client's answer: the config, marked with the canary when it is the candidate.
export function presentAnswer(answer: ConfigAnswer): ConfigView {
  const view = presentConfig(answer.record);
  return answer.canary ? { ...view, canary: { id: answer.canary.id, revision: answer.canary.revision } } : view;
}

export function presentCanaryEvent(row: ConfigCanaryEventEntity): CanaryEventView {
  return {
    namespaceId: row.namespaceId,
    group: row.group,
    dataId: row.dataId,
    canaryId: row.canaryId,
    revision: row.revision,
    action: row.action,
    candidateMd5: row.candidateMd5,
    target: row.target,
    step: row.step,
    reason: row.reason,
    actor: row.actor,
    sourceIp: row.sourceIp,
    at: row.at.toISOString(),
  };
}

export type { CanaryClientView };
