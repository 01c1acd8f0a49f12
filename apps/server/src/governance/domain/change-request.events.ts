import type { ChangeRequestTransition } from '@switchboard/shared';
import type { ChangeRequestRecord } from './change-request.record';
import type { Actor } from '../../identity/actor';

export interface ChangeRequestChanged {
  transition: ChangeRequestTransition;
  request: ChangeRequestRecord; // the state after the transition
  // The minimum approvals of the namespace's policy when the transition happened.
  requiredApprovals: number;
  actor: Actor; // remote: learnt from another node (pushed, not audited or delivered again)
  at: Date;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'governance.changeRequestChanged': ChangeRequestChanged;
  }
}
