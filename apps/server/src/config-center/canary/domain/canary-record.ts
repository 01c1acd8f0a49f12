import type { CanaryPlan, CanaryTarget, ConfigKey, ConfigType } from '@switchboard/shared';

export interface CanaryCandidate {
  readonly content: string;
  readonly md5: string;
  readonly type: ConfigType;
  readonly sizeBytes: number;
}

// The active canary of a config as the in-memory index holds it. Replaced on every change.
export interface CanaryRecord {
  readonly id: string;
  readonly key: ConfigKey;
  readonly revision: number;
  readonly baseVersion: number;
  readonly candidate: CanaryCandidate;
  readonly target: CanaryTarget;
  readonly plan: CanaryPlan | null;
  readonly step: number | null; // index into plan.steps while a plan runs
  readonly stepStartedAtMs: number | null;
  // Guarded instances ("ip:port" in a cluster) that received the candidate while healthy.
  readonly received: readonly string[];
  readonly startedAtMs: number;
  readonly startedBy: string;
  readonly updatedAtMs: number;
  readonly updatedBy: string;
}

// A client asking for a config: its address, the identity its weighted bucket is drawn from
// (the address for HTTP clients), and the labels it declares (socket.io clients, the Nacos
// Vipserver-Tag header).
export interface ConfigClient {
  readonly ip: string;
  readonly identity?: string;
  readonly labels?: readonly string[];
}
