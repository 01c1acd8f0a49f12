// Mirrors Nacos naming API v1 `/nacos/v1/ns/instance` (InstanceController, 1.x/2.x):
//   POST   register  ip*, port*, serviceName*, namespaceId, groupName, clusterName|cluster,
//                    weight, enabled|enable, healthy, ephemeral, metadata            → ok
//   DELETE deregister ip*, port*, serviceName*, clusterName                           → ok
//   PUT / PATCH update weight, enabled, healthy, metadata (only the given ones)       → ok
//   GET    detail    ip*, port*, serviceName*, clusterName → {service, ip, port, clusterName,
//                    weight, healthy, instanceId, metadata}
//   GET    /list     serviceName*, clusters, healthyOnly, udpPort, clientIP → ServiceInfo
//   PUT    /beat     serviceName*, beat (JSON) or ip/port/clusterName
//                    → {clientBeatInterval, code: 10200 | 20404 unknown, lightBeatEnabled}
// Deviations: updating an unknown instance is a 404 (Nacos upserts metadata); errors are 4xx
// plain text naming the parameter. A list query with udpPort subscribes the caller to UDP
// pushes, sent to the address the query came from (not the self-reported clientIP).
import { Controller, Delete, Get, HttpCode, Inject, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../common/clock';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { NacosParams, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import { InstanceQueryService, checkInstanceFilter } from '../instance-query.service';
import { InstanceRegistrationService } from '../instance-registration.service';
import { ServiceInfoCache } from './nacos-service-info-cache';
import { NacosUdpPushService } from './nacos-udp-push.service';
import {
  addressFrom,
  clusterOf,
  groupedName,
  parseBeat,
  parseBool,
  parseNumber,
  registerCommandFrom,
  serviceKeyFrom,
  toNacosHost,
  updateCommandFrom,
} from './nacos-naming.mapper';
import { commaList } from '../http/naming-params';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../auth/access.decorators';
import { RequestCaller, clientIpOf, type Caller } from '../../auth/caller';

export interface NacosBeatAnswer {
  clientBeatInterval: number;
  code: number; // 10200 ok, 20404 unknown instance: register again
  lightBeatEnabled: boolean;
}

// Shared by v1 and v2 (Nacos answers the beat unwrapped in both).
export async function nacosBeat(registration: InstanceRegistrationService, params: NacosParamMap, caller: Caller): Promise<NacosBeatAnswer> {
  const key = serviceKeyFrom(params);
  const beat = parseBeat(params);
  if (!beat) return nacosLightBeat(registration, params);
  const result = await registration.beatOrRegister(key, {
    ip: beat.ip ?? addressFrom(params).ip,
    port: Number(beat.port ?? addressFrom(params).port),
    clusterName: beat.cluster || clusterOf(params),
    weight: beat.weight,
    metadata: beat.metadata,
  }, caller);
  return beatAnswer(result);
}

// A beat without the `beat` JSON: memory only, synchronous.
export function nacosLightBeat(registration: InstanceRegistrationService, params: NacosParamMap, key = serviceKeyFrom(params)): NacosBeatAnswer {
  return beatAnswer(registration.beat(key, addressFrom(params)));
}

const beatAnswer = (result: { known: boolean; clientBeatIntervalMs: number }): NacosBeatAnswer => ({ clientBeatInterval: result.clientBeatIntervalMs, code: result.known ? 10200 : 20404, lightBeatEnabled: true });

export interface NacosListDeps {
  query: InstanceQueryService;
  udpPush: NacosUdpPushService;
  clock: Clock;
  settings: Settings;
  cache: ServiceInfoCache;
}

// The ServiceInfo answer (JSON bytes) of a list query; with udpPort the caller (at `address`)
// is subscribed to UDP pushes.
export function nacosServiceList(deps: NacosListDeps, params: NacosParamMap, address: string, key = serviceKeyFrom(params)): Buffer {
  const clusters = optionalParam(params, 'clusters') ?? '';
  const healthyOnly = parseBool(params, 'healthyOnly', false);
  const udpPort = parseNumber(params, 'udpPort') ?? 0;
  if (!Number.isInteger(udpPort) || udpPort < 0 || udpPort > 65535) throw validationFailed([fieldViolation('udpPort', 'range', 'must be an integer from 0 to 65535 (0: no UDP push)')]);
  const clusterList = commaList(clusters);
  checkInstanceFilter({ clusters: clusterList, tags: [] });
  if (udpPort > 0) deps.udpPush.subscribe(key, { address, port: udpPort, clusters, healthyOnly });
  const discover = () => deps.query.listOrEmpty(key, { healthyOnly, clusters: clusterList, tags: [] });
  return deps.cache.bytes(key, deps.query.stateOf(key), discover, clusters, healthyOnly, deps.settings.naming.pushCacheMillis, deps.clock.now().getTime());
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

@ApiExcludeController()
@Controller('/nacos/v1/ns/instance')
export class NacosInstanceV1Controller {
  constructor(
    private readonly registration: InstanceRegistrationService,
    private readonly query: InstanceQueryService,
    private readonly udpPush: NacosUdpPushService,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly cache: ServiceInfoCache,
  ) {}

  @Post()
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async register(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<string> {
    await this.registration.register(serviceKeyFrom(params), registerCommandFrom(params), caller);
    return 'ok';
  }

  @Delete()
  @NamespaceWrite(fromNacosNamespaceId)
  async deregister(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<string> {
    await this.registration.deregister(serviceKeyFrom(params), addressFrom(params), caller);
    return 'ok';
  }

  @Put()
  @NamespaceWrite(fromNacosNamespaceId)
  async update(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<string> {
    await this.registration.update(serviceKeyFrom(params), addressFrom(params), updateCommandFrom(params), caller);
    return 'ok';
  }

  @Patch()
  @NamespaceWrite(fromNacosNamespaceId)
  async patch(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<string> {
    return this.update(params, caller);
  }

  @Get()
  @NamespaceRead(fromNacosNamespaceId)
  detail(@NacosParams() params: NacosParamMap): Record<string, unknown> {
    const key = serviceKeyFrom(params);
    const host = toNacosHost(key, this.query.get(key, addressFrom(params)));
    return { service: groupedName(key), ip: host.ip, port: host.port, clusterName: host.clusterName, weight: host.weight, healthy: host.healthy, instanceId: host.instanceId, metadata: host.metadata };
  }

  @Get('list')
  @NamespaceRead(fromNacosNamespaceId)
  list(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    void reply.type(JSON_CONTENT_TYPE);
    return nacosServiceList({ query: this.query, udpPush: this.udpPush, clock: this.clock, settings: this.settings, cache: this.cache }, params, clientIpOf(request));
  }

  @Put('beat')
  @NamespaceWrite(fromNacosNamespaceId)
  beat(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<NacosBeatAnswer> {
    return nacosBeat(this.registration, params, caller);
  }
}
