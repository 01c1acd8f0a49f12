import { Inject, Injectable } from '@nestjs/common';
import { PAGE_RULES, type ServiceKey } from '@switchboard/shared';
import { Clock } from '../../common/clock';
import type { Actor } from '../../identity/actor';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import { InstanceQueryService, checkInstanceFilter } from '../instance-query.service';
import { InstanceRegistrationService, type InstanceAddress, type RegisterInstanceCommand, type UpdateInstanceCommand } from '../instance-registration.service';
import type { ServiceState } from '../naming-registry';
import { ServiceCatalogService, type ServiceSettingsCommand } from '../service-catalog.service';
import { commaList } from '../http/naming-params';
import { instanceKeyString } from '../domain/naming-keys';
import { toNacosHost, type NacosHost, type ServiceInfoNaming } from './nacos-naming.mapper';
import { ServiceInfoCache } from './nacos-service-info-cache';
import { NacosUdpPushService } from './nacos-udp-push.service';

export interface NacosBeatAnswer {
  clientBeatInterval: number;
  code: number; // 10200 ok, 20404 unknown instance: register again
  lightBeatEnabled: boolean;
}

// The instances a list query asks for: cluster names (comma-separated, as the client wrote them:
// the answer echoes them) and whether only healthy ones count.
export interface NacosInstanceQuery {
  clusters: string;
  healthyOnly: boolean;
}

// A client asking for UDP pushes of the service's changes (v1 `udpPort`).
export interface NacosUdpSubscriber {
  address: string;
  port: number;
}

export interface NacosServiceNamesQuery {
  namespaceId: string;
  groupName: string;
  pageNo: number;
  pageSize: number;
}

// A heartbeat: the instance it carries (a Nacos 1.x `beat` JSON), or only its address.
export type NacosBeat = { instance: RegisterInstanceCommand } | { address: InstanceAddress };

const beatAnswer = (result: { known: boolean; clientBeatIntervalMs: number }): NacosBeatAnswer => ({ clientBeatInterval: result.clientBeatIntervalMs, code: result.known ? 10200 : 20404, lightBeatEnabled: true });

// The Nacos naming operations, one method per call a Nacos client makes, each owning its
// decisions (a beat that registers, a list that subscribes to UDP pushes, the cached ServiceInfo
// bytes). The transports (v1 and v2 HTTP controllers, the hot routes) only parse their wire
// format into these arguments and render the result.
@Injectable()
export class NacosNamingOperations {
  constructor(
    private readonly registration: InstanceRegistrationService,
    private readonly query: InstanceQueryService,
    private readonly catalog: ServiceCatalogService,
    private readonly udpPush: NacosUdpPushService,
    private readonly cache: ServiceInfoCache,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async register(key: ServiceKey, command: RegisterInstanceCommand, actor: Actor): Promise<void> {
    await this.registration.register(key, command, actor);
  }

  async deregister(key: ServiceKey, address: InstanceAddress, actor: Actor): Promise<void> {
    await this.registration.deregister(key, address, actor);
  }

  async update(key: ServiceKey, address: InstanceAddress, command: UpdateInstanceCommand, actor: Actor): Promise<void> {
    await this.registration.update(key, address, command, actor);
  }

  instance(key: ServiceKey, address: InstanceAddress): NacosHost {
    return toNacosHost(key, this.query.get(key, address));
  }

  // The ServiceInfo of a list query as JSON bytes (cached per service change); a UDP subscriber
  // is sent the service's changes from now on.
  serviceInfo(key: ServiceKey, query: NacosInstanceQuery, udp?: NacosUdpSubscriber, naming: ServiceInfoNaming = 'grouped'): Buffer {
    const clusterList = commaList(query.clusters);
    checkInstanceFilter({ clusters: clusterList, tags: [] });
    if (udp) this.udpPush.subscribe(key, { address: udp.address, port: udp.port, clusters: query.clusters, healthyOnly: query.healthyOnly });
    const discover = () => this.query.listOrEmpty(key, { healthyOnly: query.healthyOnly, clusters: clusterList, tags: [] });
    return this.cache.bytes(key, this.query.stateOf(key), discover, query.clusters, query.healthyOnly, this.settings.naming.pushCacheMillis, this.clock.now().getTime(), naming);
  }

  // A Nacos 2.x batch registration by one connection: these instances are the ones it keeps in
  // the service; any it registered there before and left out are deregistered.
  async registerBatch(key: ServiceKey, commands: RegisterInstanceCommand[], ownerConnectionId: string, actor: Actor): Promise<void> {
    const kept = new Set<string>();
    for (const command of commands) {
      const instance = await this.registration.register(key, { ...command, ephemeral: true, ownerConnectionId }, actor);
      kept.add(instanceKeyString(instance.clusterName, instance.ip, instance.port));
    }
    const state = this.query.stateOf(key);
    const dropped = state ? [...state.instances].filter(([id, i]) => i.ownerConnectionId === ownerConnectionId && !kept.has(id)).map(([, i]) => i) : [];
    for (const instance of dropped) await this.registration.deregister(key, instance, actor);
  }

  // Deregisters several instances (a 3.x batch deregistration); ones already gone are skipped.
  async deregisterBatch(key: ServiceKey, addresses: InstanceAddress[], actor: Actor): Promise<void> {
    const state = this.query.stateOf(key);
    for (const address of addresses) {
      if (state?.instances.has(instanceKeyString(address.clusterName, address.ip, address.port))) await this.registration.deregister(key, address, actor);
    }
  }

  // A beat carrying the instance (the `beat` JSON) registers it again when it expired; a light
  // beat (the address only) touches memory only, synchronously.
  beat(key: ServiceKey, beat: NacosBeat, actor: Actor): NacosBeatAnswer | Promise<NacosBeatAnswer> {
    if ('address' in beat) return this.lightBeat(key, beat.address);
    return this.registration.beatOrRegister(key, beat.instance, actor).then(beatAnswer);
  }

  lightBeat(key: ServiceKey, address: InstanceAddress): NacosBeatAnswer {
    return beatAnswer(this.registration.beat(key, address));
  }

  // A beat answered from memory: a light beat, or a full one (the `beat` JSON) of an instance
  // this node knows, which beat() answers the same way without reading the description again.
  // Undefined when the beat must register its instance (beat() does that).
  beatInMemory(key: ServiceKey, beat: NacosBeat): NacosBeatAnswer | undefined {
    if ('address' in beat) return this.lightBeat(key, beat.address);
    const result = this.registration.beatIfKnown(key, beat.instance);
    return result.known ? beatAnswer(result) : undefined;
  }

  async createService(key: ServiceKey, settings: ServiceSettingsCommand, actor: Actor): Promise<void> {
    await this.catalog.create(key, settings, actor);
  }

  async updateService(key: ServiceKey, settings: ServiceSettingsCommand, actor: Actor): Promise<void> {
    await this.catalog.update(key, settings, actor);
  }

  async deleteService(key: ServiceKey, actor: Actor): Promise<void> {
    await this.catalog.delete(key, actor);
  }

  service(key: ServiceKey): ServiceState {
    return this.catalog.get(key);
  }

  // A page of service names; a page may be as large as the clients that list everything ask.
  serviceNames(query: NacosServiceNamesQuery): { count: number; names: string[] } {
    const page = this.catalog.list({ ...query, maxPageSize: PAGE_RULES.maxNameListPageSize });
    return { count: page.total, names: page.items.map((s) => s.service.key.serviceName) };
  }
}
