import type { CanaryAction, ConfigKey } from '@switchboard/shared';
import type { CanaryRecord } from './canary-record';
import type { Actor } from '../../../identity/actor';

export interface CanaryChanged {
  action: CanaryAction;
  canary: CanaryRecord; // the state after the change (the last state when promoted or aborted)
  active: boolean; // false once promoted or aborted
  reason: string | null;
  actor: Actor; // the caller, or the system (plan steps, the health gate)
  at: Date;
}

// Which clients get which answer for a config may have changed without a publish (a canary
// change, or instances gaining or losing a targeted tag): push re-evaluates its clients.
export interface ConfigAnswersChanged {
  key: ConfigKey;
  at: Date;
}

declare module '../../../common/events/domain-events' {
  interface DomainEventMap {
    'config.canaryChanged': CanaryChanged;
    'config.answersChanged': ConfigAnswersChanged;
  }
}
