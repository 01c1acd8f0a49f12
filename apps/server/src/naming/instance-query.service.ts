import { Injectable } from '@nestjs/common';
import type { ServiceKey } from '@switchboard/shared';
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

// Discovery, served from the in-memory registry only.
@Injectable()
export class InstanceQueryService {
  constructor(
    private readonly registry: NamingRegistry,
    private readonly catalog: ServiceCatalogService,
  ) {}

  list(key: ServiceKey, filter: InstanceFilter): Discovery {
    const state = this.catalog.get(key);
    return { state, ...selectInstances(state.instances.values(), filter, state.service.protectThreshold) };
  }

  // Like list, but an unknown service is an empty answer (as Nacos clients expect of a poll).
  listOrEmpty(key: ServiceKey, filter: InstanceFilter): Discovery | undefined {
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
