// Mirrors Nacos open API v2 `/nacos/v2/ns/instance` (InstanceControllerV2, 2.2+), answers in the
// {code, message, data} envelope except where Nacos itself answers raw:
//   POST / DELETE / PUT  namespaceId, groupName, serviceName*, ip*, port*, clusterName, weight,
//                        enabled, healthy, metadata, ephemeral                 → data "ok"
//   PATCH                partial update                                          → raw "ok"
//   GET                  serviceName*, ip*, port*, clusterName → data {serviceName, ip, port,
//                        clusterName, weight, healthy, instanceId, metadata}
//   GET  /list           serviceName*, clusterName, healthyOnly               → data ServiceInfo
//   PUT  /beat           serviceName*, beat | ip/port  → raw {clientBeatInterval, code, lightBeatEnabled}
// Errors: 4xx with Nacos codes (21003 instance not found, 21008 service not exist, 20002 ...).
import { Controller, Delete, Get, HttpCode, Inject, Patch, Post, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock } from '../../common/clock';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { NacosParams, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import { commaList } from '../http/naming-params';
import { InstanceQueryService } from '../instance-query.service';
import { InstanceRegistrationService } from '../instance-registration.service';
import { nacosBeat, type NacosBeatAnswer } from './nacos-instance-v1.controller';
import { addressFrom, groupedName, parseBool, registerCommandFrom, serviceKeyFrom, toNacosHost, toNacosServiceInfo, updateCommandFrom, type NacosServiceInfo } from './nacos-naming.mapper';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../auth/access.decorators';
import { RequestCaller, type Caller } from '../../auth/caller';

@ApiExcludeController()
@Controller('/nacos/v2/ns/instance')
export class NacosInstanceV2Controller {
  constructor(
    private readonly registration: InstanceRegistrationService,
    private readonly query: InstanceQueryService,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Post()
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async register(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<NacosV2Result<string>> {
    await this.registration.register(serviceKeyFrom(params), registerCommandFrom(params), caller);
    return nacosSuccess('ok');
  }

  @Delete()
  @NamespaceWrite(fromNacosNamespaceId)
  async deregister(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<NacosV2Result<string>> {
    await this.registration.deregister(serviceKeyFrom(params), addressFrom(params), caller);
    return nacosSuccess('ok');
  }

  @Put()
  @NamespaceWrite(fromNacosNamespaceId)
  async update(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<NacosV2Result<string>> {
    await this.registration.update(serviceKeyFrom(params), addressFrom(params), updateCommandFrom(params), caller);
    return nacosSuccess('ok');
  }

  @Patch()
  @NamespaceWrite(fromNacosNamespaceId)
  async patch(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<string> {
    await this.registration.update(serviceKeyFrom(params), addressFrom(params), updateCommandFrom(params), caller);
    return 'ok';
  }

  @Get()
  @NamespaceRead(fromNacosNamespaceId)
  detail(@NacosParams() params: NacosParamMap): NacosV2Result<Record<string, unknown>> {
    const key = serviceKeyFrom(params);
    const host = toNacosHost(key, this.query.get(key, addressFrom(params)));
    return nacosSuccess({ serviceName: groupedName(key), ip: host.ip, port: host.port, clusterName: host.clusterName, weight: host.weight, healthy: host.healthy, instanceId: host.instanceId, metadata: host.metadata });
  }

  @Get('list')
  @NamespaceRead(fromNacosNamespaceId)
  list(@NacosParams() params: NacosParamMap): NacosV2Result<NacosServiceInfo> {
    const key = serviceKeyFrom(params);
    const clusters = optionalParam(params, 'clusterName') ?? '';
    const healthyOnly = parseBool(params, 'healthyOnly', false);
    const discovery = this.query.listOrEmpty(key, { healthyOnly, clusters: commaList(clusters), tags: [] });
    return nacosSuccess(toNacosServiceInfo(key, discovery, clusters, this.settings.naming.pushCacheMillis, this.clock.now().getTime()));
  }

  // Same wire answer as v1 (Nacos returns it unwrapped in v2 as well).
  @Put('beat')
  @NamespaceWrite(fromNacosNamespaceId)
  beat(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<NacosBeatAnswer> {
    return nacosBeat(this.registration, params, caller);
  }
}
