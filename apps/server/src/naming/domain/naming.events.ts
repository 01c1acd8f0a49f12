import type { Caller } from '../../auth/caller';
import type { Instance, Service } from './instance';

export interface InstanceChanged {
  service: Service;
  change: 'registered' | 'deregistered' | 'updated' | 'healthChanged' | 'expired';
  instance: Instance; // after the change; the last state for removals
  previous?: Instance;
  revision: number;
  caller: Caller; // the system for health changes and expiries
  at: Date;
}

export interface ServiceChanged {
  change: 'created' | 'updated' | 'deleted';
  service: Service;
  caller: Caller;
  at: Date;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'naming.instanceChanged': InstanceChanged;
    'naming.serviceChanged': ServiceChanged;
  }
}
