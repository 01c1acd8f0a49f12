import { Injectable } from '@nestjs/common';
import { NAMING_RULES, type ServiceKey } from '@switchboard/shared';
import { fieldViolation, validationFailed } from '../common/errors/domain-error';
import type { Instance } from './domain/instance';
import { selectInstances, type InstanceFilter, type Selection } from './domain/instance-selection';
import { instanceNotFound } from './domain/naming.errors';
import type { ServiceState } from './naming-registry';
import { NamingRegistry } from './naming-registry';
import { ServiceCatalogService } from './service-catalog.service';
import type { InstanceAddress } from './instance-registration.service';

export interface Discovery extends Selection {
  state: ServiceState;
}

// The filters scan every instance of the service, so their number is bounded (two length checks).
export function checkInstanceFilter(filter: Pick<InstanceFilter, 'clusters' | 'tags'>): void {
  if (filter.clusters.length > NAMING_RULES.maxClustersInQuery) {
    throw validationFailed([fieldViolation('clusters', 'maxItems', `must list at most ${NAMING_RULES.maxClustersInQuery} clusters`)]);
  }
  if (filter.tags.length > NAMING_RULES.maxTags) throw validationFailed([fieldViolation('tags', 'maxItems', `must list at most ${NAMING_RULES.maxTags} tags`)]);
}

// Discovery, served from the in-memory registry only.
@Injectable()
export class InstanceQueryService {
  constructor(
    private readonly registry: NamingRegistry,
    private readonly catalog: ServiceCatalogService,
  ) {}

  list(key: ServiceKey, filter: InstanceFilter): Discovery {
    checkInstanceFilter(filter);
    const state = this.catalog.get(key);
    return { state, ...selectInstances(state.instances.values(), filter, state.service.protectThreshold) };
  }

  // Like list, but an unknown service is an empty answer (as Nacos clients expect of a poll).
  listOrEmpty(key: ServiceKey, filter: InstanceFilter): Discovery | undefined {
    checkInstanceFilter(filter);
    const state = this.registry.get(key);
    return state && { state, ...selectInstances(state.instances.values(), filter, state.service.protectThreshold) };
  }

  // The registry's state of a service (undefined when unknown): keys cached answers.
  stateOf(key: ServiceKey): ServiceState | undefined {
    return this.registry.get(key);
  }

  get(key: ServiceKey, address: InstanceAddress): Instance {
    const state = this.catalog.get(key);
    const instance = this.registry.findInstance(state, address.clusterName, address.ip, address.port);
    if (!instance) throw instanceNotFound(key, address.clusterName, address.ip, address.port);
    return instance;
  }
}
