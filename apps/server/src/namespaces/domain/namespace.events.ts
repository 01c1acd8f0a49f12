import type { NamespaceEntity } from './namespace.entity';
import type { Actor } from '../../identity/actor';

export interface NamespaceChanged {
  change: 'created' | 'updated' | 'deleted';
  namespace: NamespaceEntity; // state after the change (before it, for deletes)
  caller: Actor;
  at: Date;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'namespace.changed': NamespaceChanged;
  }
}
