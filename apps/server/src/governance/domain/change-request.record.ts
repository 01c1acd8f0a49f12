import type { CanaryPlan, CanaryTarget, ChangeItemAction, ChangeRequestState, ConfigType } from '@switchboard/shared';

// One proposed change of a config, as stored with its request.
export interface ChangeItem {
  group: string;
  dataId: string;
  action: ChangeItemAction;
  content: string | null; // null for delete
  type: ConfigType | null; // null: the config's own type
  canary: { target: CanaryTarget; plan: CanaryPlan | null } | null;
  baseVersion: number; // the head the change was made against (0: a new config)
}

export interface ChangeApproval {
  user: string;
  atMs: number;
}

// A change request as the service holds it.
export interface ChangeRequestRecord {
  id: string;
  namespaceId: string;
  title: string;
  description: string;
  state: ChangeRequestState;
  author: string;
  items: ChangeItem[];
  approvals: ChangeApproval[];
  revision: number;
  createdAtMs: number;
  updatedAtMs: number;
  closedBy: string | null;
  closedAtMs: number | null;
  appliedVersions: { group: string; dataId: string; version: number }[];
}
