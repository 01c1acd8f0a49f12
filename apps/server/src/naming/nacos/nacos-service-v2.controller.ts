// Mirrors Nacos open API v2 `/nacos/v2/ns/service` (ServiceControllerV2, 2.2+), {code,message,data}:
//   POST / PUT  namespaceId, groupName, serviceName*, protectThreshold, metadata   → data "ok"
//   DELETE      namespaceId, groupName, serviceName*                              → data "ok"
//   GET         serviceName* → data {namespaceId, groupName, serviceName, clusterMap, metadata,
//               protectThreshold, selector, ephemeral}
//   GET /list   namespaceId, groupName, pageNo (1), pageSize (20)                 → data {count, services}
// Errors: 21007 service already exist (409), 21008 service not exist (404), 21009 not empty (409).
import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { NacosParams, type NacosParamMap } from '../../common/nacos/nacos-params';
import { NacosNamingOperations } from './nacos-naming.operations';
import { serviceKeyFrom, serviceNamesQueryFrom, serviceSettingsFrom, toNacosServiceDetail } from './nacos-naming.mapper';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../identity/access';
import { RequestActor } from '../../auth/request-actor';
import type { Actor } from '../../identity/actor';

@ApiExcludeController()
@Controller('/nacos/v2/ns/service')
export class NacosServiceV2Controller {
  constructor(private readonly naming: NacosNamingOperations) {}

  @Post()
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async create(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosV2Result<string>> {
    await this.naming.createService(serviceKeyFrom(params), serviceSettingsFrom(params), actor);
    return nacosSuccess('ok');
  }

  @Delete()
  @NamespaceWrite(fromNacosNamespaceId)
  async delete(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosV2Result<string>> {
    await this.naming.deleteService(serviceKeyFrom(params), actor);
    return nacosSuccess('ok');
  }

  @Put()
  @NamespaceWrite(fromNacosNamespaceId)
  async update(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosV2Result<string>> {
    await this.naming.updateService(serviceKeyFrom(params), serviceSettingsFrom(params), actor);
    return nacosSuccess('ok');
  }

  @Get()
  @NamespaceRead(fromNacosNamespaceId)
  detail(@NacosParams() params: NacosParamMap): NacosV2Result<Record<string, unknown>> {
    const detail = toNacosServiceDetail(this.naming.service(serviceKeyFrom(params)));
    const clusters = detail.clusters as { name: string; healthChecker: unknown; metadata: unknown }[];
    return nacosSuccess({
      namespaceId: detail.namespaceId,
      groupName: detail.groupName,
      serviceName: detail.name,
      clusterMap: Object.fromEntries(clusters.map((c) => [c.name, { clusterName: c.name, healthChecker: c.healthChecker, metadata: c.metadata }])),
      metadata: detail.metadata,
      protectThreshold: detail.protectThreshold,
      selector: detail.selector,
      ephemeral: false,
    });
  }

  @Get('list')
  @NamespaceRead(fromNacosNamespaceId)
  list(@NacosParams() params: NacosParamMap): NacosV2Result<{ count: number; services: string[] }> {
    const page = this.naming.serviceNames(serviceNamesQueryFrom(params));
    return nacosSuccess({ count: page.count, services: page.names });
  }
}
