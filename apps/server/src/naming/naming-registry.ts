import { Injectable } from '@nestjs/common';
import type { ServiceKey } from '@switchboard/shared';
import type { Instance, Service } from './domain/instance';
import { instanceKeyString, serviceKeyString } from './domain/naming-keys';

export interface ServiceState {
  service: Service;
  readonly instances: Map<string, Instance>;
  revision: number; // bumped on every instance change; keys cached answers
}

// The in-memory index every read is served from (list, beat, discovery, push snapshots).
// Synchronous by design: a change and the event it causes happen in one turn of the loop.
@Injectable()
export class NamingRegistry {
  private readonly states = new Map<string, ServiceState>();
  private readonly byNamespace = new Map<string, Map<string, ServiceState>>();

  get(key: ServiceKey): ServiceState | undefined {
    return this.states.get(serviceKeyString(key));
  }

  putService(service: Service): ServiceState {
    const id = serviceKeyString(service.key);
    let state = this.states.get(id);
    if (state) {
      state.service = service;
      return state;
    }
    state = { service, instances: new Map(), revision: 0 };
    this.states.set(id, state);
    let namespace = this.byNamespace.get(service.key.namespaceId);
    if (!namespace) this.byNamespace.set(service.key.namespaceId, (namespace = new Map()));
    namespace.set(id, state);
    return state;
  }

  removeService(key: ServiceKey): void {
    const id = serviceKeyString(key);
    this.states.delete(id);
    this.byNamespace.get(key.namespaceId)?.delete(id);
  }

  servicesOf(namespaceId: string): ServiceState[] {
    return [...(this.byNamespace.get(namespaceId)?.values() ?? [])];
  }

  allServices(): IterableIterator<ServiceState> {
    return this.states.values();
  }

  // Returns the previous state of the instance, if any.
  putInstance(state: ServiceState, instance: Instance): Instance | undefined {
    const id = instanceKeyString(instance.clusterName, instance.ip, instance.port);
    const previous = state.instances.get(id);
    state.instances.set(id, instance);
    state.revision += 1;
    return previous;
  }

  removeInstance(state: ServiceState, clusterName: string, ip: string, port: number): Instance | undefined {
    const id = instanceKeyString(clusterName, ip, port);
    const previous = state.instances.get(id);
    if (!previous) return undefined;
    state.instances.delete(id);
    state.revision += 1;
    return previous;
  }

  findInstance(state: ServiceState, clusterName: string, ip: string, port: number): Instance | undefined {
    return state.instances.get(instanceKeyString(clusterName, ip, port));
  }

  counts(): { services: number; instances: number; healthyInstances: number } {
    let instances = 0;
    let healthyInstances = 0;
    for (const state of this.states.values()) {
      instances += state.instances.size;
      for (const instance of state.instances.values()) if (instance.healthy) healthyInstances += 1;
    }
    return { services: this.states.size, instances, healthyInstances };
  }
}
