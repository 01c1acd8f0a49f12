import type { PageQuery } from '../common/page';
import type { ConfigKey, ConfigType } from './config.types';

// Who gets the candidate of a canary. A client matches when any part matches: its address is
// listed, it carries one of the tags (its address belongs to a registered instance of the
// config's namespace carrying the tag, or it is a socket.io client declaring the tag in its
// labels), or its stable hash bucket (0–99) is below the weight.
export interface CanaryTarget {
  ips: string[];
  tags: string[];
  weight: number; // 0–100: share of the remaining clients
}

export interface CanaryPlanStep {
  weight: number; // 0–100
  bakeMs: number; // how long the step must stay healthy before the next one
}

// The health gate of a plan: a service (in the config's namespace) whose instances are watched
// while the candidate rolls out.
export interface CanaryGuard {
  groupName: string;
  serviceName: string;
  maxUnhealthyPercent: number; // 0–100: abort when more of the instances that received the candidate are unhealthy or gone
}

export interface CanaryPlan {
  steps: CanaryPlanStep[]; // promoted automatically after the last step passes
  guard: CanaryGuard | null;
}

export interface CanaryGuardState {
  received: number; // guarded instances whose address received the candidate
  unhealthy: number;
  vanished: number;
  unhealthyPercent: number; // (unhealthy + vanished) / received × 100; 0 when none received it
}

export interface CanaryPlanProgress {
  step: number; // index into plan.steps
  stepStartedAt: string; // ISO 8601
  nextStepAt: string; // ISO 8601: when this step's bake time ends
  guard: CanaryGuardState | null;
}

export type CanaryStatus = 'active' | 'promoted' | 'aborted';

export interface CanaryCandidateView {
  content: string;
  md5: string;
  type: ConfigType;
  sizeBytes: number;
}

export interface CanaryView extends ConfigKey {
  id: string;
  revision: number; // 1 at start, bumped by every change (target, weight, content, step)
  status: CanaryStatus;
  baseVersion: number; // the config version that was stable when the canary started
  candidate: CanaryCandidateView;
  target: CanaryTarget;
  plan: CanaryPlan | null;
  progress: CanaryPlanProgress | null; // while a plan runs
  startedAt: string;
  startedBy: string;
  updatedAt: string;
  updatedBy: string;
  endedReason: string | null; // why it was promoted or aborted
}

export interface StartCanaryRequest {
  content: string; // validated like any publish
  type?: ConfigType; // default: the config's type
  target?: Partial<CanaryTarget>;
  plan?: CanaryPlan; // the first step's weight replaces target.weight
}

export interface UpdateCanaryRequest {
  content?: string;
  type?: ConfigType;
  target?: Partial<CanaryTarget>; // parts given replace the current ones
  expectedRevision?: number; // optimistic concurrency
}

export interface PromoteCanaryRequest {
  expectedRevision?: number;
}

export interface AbortCanaryRequest {
  reason?: string;
  expectedRevision?: number;
}

export type CanaryAction = 'started' | 'updated' | 'stepped' | 'promoted' | 'aborted';

// One step in the life of a canary, as recorded (every change is kept).
export interface CanaryEventView extends ConfigKey {
  canaryId: string;
  revision: number;
  action: CanaryAction;
  candidateMd5: string;
  target: CanaryTarget;
  step: number | null;
  reason: string | null;
  actor: string; // user name, or "system" for plan steps and the health gate
  sourceIp: string;
  at: string;
}

export type ListCanaryEventsQuery = PageQuery;

export type CanaryHolding = 'stable' | 'candidate' | 'other';

// A listening client of a config during a canary: what it holds and what it should hold.
export interface CanaryClientView {
  clientId: string;
  clientIp: string;
  transport: 'long-poll' | 'socket' | 'grpc';
  md5: string;
  holds: CanaryHolding;
  expected: 'stable' | 'candidate';
}

export interface CanaryRolloutView extends ConfigKey {
  canary: CanaryView | null; // null when no canary is active
  stableMd5: string;
  candidateMd5: string; // "" without a canary
  clients: CanaryClientView[];
  counts: { stable: number; candidate: number; other: number; total: number };
}

export interface GetConfigQuery {
  // Resolve the answer a client would get (canary included): an IP address, or "self" for the
  // caller's own address. Absent: the stable config.
  asClient?: string;
  labels?: string; // comma-separated labels of that client (tag matching)
}
