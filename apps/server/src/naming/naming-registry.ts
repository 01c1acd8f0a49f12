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
  // namespace → ip → tag → how many instances at that ip carry it (canary tag targeting asks
  // "does a client at this address carry tag X" on every config read).
  private readonly tagsByIp = new Map<string, Map<string, Map<string, number>>>();

  get(key: ServiceKey): ServiceState | undefined {
    return this.states.get(serviceKeyString(key));
  }

  // By serviceKeyString (cluster notices name services that way).
  getById(id: string): ServiceState | undefined {
    return this.states.get(id);
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
    const state = this.states.get(id);
    for (const instance of state?.instances.values() ?? []) this.indexTags(key.namespaceId, instance, -1);
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
    if (previous?.tags !== instance.tags) {
      if (previous) this.indexTags(state.service.key.namespaceId, previous, -1);
      this.indexTags(state.service.key.namespaceId, instance, 1);
    }
    return previous;
  }

  removeInstance(state: ServiceState, clusterName: string, ip: string, port: number): Instance | undefined {
    const id = instanceKeyString(clusterName, ip, port);
    const previous = state.instances.get(id);
    if (!previous) return undefined;
    state.instances.delete(id);
    state.revision += 1;
    this.indexTags(state.service.key.namespaceId, previous, -1);
    return previous;
  }

  findInstance(state: ServiceState, clusterName: string, ip: string, port: number): Instance | undefined {
    return state.instances.get(instanceKeyString(clusterName, ip, port));
  }

  // Tags carried by instances registered at this address in this namespace.
  tagsAt(namespaceId: string, ip: string): ReadonlyMap<string, number> | undefined {
    return this.tagsByIp.get(namespaceId)?.get(ip);
  }

  private indexTags(namespaceId: string, instance: Instance, delta: 1 | -1): void {
    if (instance.tags.length === 0) return;
    let byIp = this.tagsByIp.get(namespaceId);
    if (!byIp) this.tagsByIp.set(namespaceId, (byIp = new Map()));
    let tags = byIp.get(instance.ip);
    if (!tags) byIp.set(instance.ip, (tags = new Map()));
    for (const tag of instance.tags) {
      const count = (tags.get(tag) ?? 0) + delta;
      if (count > 0) tags.set(tag, count);
      else tags.delete(tag);
    }
    if (tags.size === 0) byIp.delete(instance.ip);
    if (byIp.size === 0) this.tagsByIp.delete(namespaceId);
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
