import type { Instance, Service } from './instance';
import type { Actor } from '../../identity/actor';

export interface InstanceChanged {
  service: Service;
  change: 'registered' | 'deregistered' | 'updated' | 'healthChanged' | 'expired';
  instance: Instance; // after the change; the last state for removals
  previous?: Instance;
  revision: number;
  caller: Actor; // the system for health changes and expiries
  at: Date;
}

export interface ServiceChanged {
  change: 'created' | 'updated' | 'deleted';
  service: Service;
  caller: Actor;
  at: Date;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'naming.instanceChanged': InstanceChanged;
    'naming.serviceChanged': ServiceChanged;
  }
}
