import type { Caller } from '../../auth/caller';
import type { NamespaceEntity } from './namespace.entity';

export interface NamespaceChanged {
  change: 'created' | 'updated' | 'deleted';
  namespace: NamespaceEntity; // state after the change (before it, for deletes)
  caller: Caller;
  at: Date;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'namespace.changed': NamespaceChanged;
  }
}
