// Mirrors Nacos open API v2 `/nacos/v2/ns/service` (ServiceControllerV2, 2.2+), {code,message,data}:
//   POST / PUT  namespaceId, groupName, serviceName*, protectThreshold, metadata   → data "ok"
//   DELETE      namespaceId, groupName, serviceName*                              → data "ok"
//   GET         serviceName* → data {namespaceId, groupName, serviceName, clusterMap, metadata,
//               protectThreshold, selector, ephemeral}
//   GET /list   namespaceId, groupName, pageNo (1), pageSize (20)                 → data {count, services}
// Errors: 21007 service already exist (409), 21008 service not exist (404), 21009 not empty (409).
import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEFAULT_GROUP, PAGE_RULES } from '@switchboard/shared';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { NacosParams, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { ServiceCatalogService } from '../service-catalog.service';
import { namespaceOf, parseMetadata, parseNumber, serviceKeyFrom, toNacosServiceDetail } from './nacos-naming.mapper';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../auth/access.decorators';
import { RequestCaller, type Caller } from '../../auth/caller';

@ApiExcludeController()
@Controller('/nacos/v2/ns/service')
export class NacosServiceV2Controller {
  constructor(private readonly catalog: ServiceCatalogService) {}

  @Post()
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async create(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<NacosV2Result<string>> {
    await this.catalog.create(serviceKeyFrom(params), { protectThreshold: parseNumber(params, 'protectThreshold'), metadata: parseMetadata(params) }, caller);
    return nacosSuccess('ok');
  }

  @Delete()
  @NamespaceWrite(fromNacosNamespaceId)
  async delete(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<NacosV2Result<string>> {
    await this.catalog.delete(serviceKeyFrom(params), caller);
    return nacosSuccess('ok');
  }

  @Put()
  @NamespaceWrite(fromNacosNamespaceId)
  async update(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<NacosV2Result<string>> {
    await this.catalog.update(serviceKeyFrom(params), { protectThreshold: parseNumber(params, 'protectThreshold'), metadata: parseMetadata(params) }, caller);
    return nacosSuccess('ok');
  }

  @Get()
  @NamespaceRead(fromNacosNamespaceId)
  detail(@NacosParams() params: NacosParamMap): NacosV2Result<Record<string, unknown>> {
    const detail = toNacosServiceDetail(this.catalog.get(serviceKeyFrom(params)));
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
    const page = this.catalog.list({
      namespaceId: namespaceOf(params),
      groupName: optionalParam(params, 'groupName') ?? DEFAULT_GROUP,
      pageNo: Math.max(1, parseNumber(params, 'pageNo') ?? 1),
      pageSize: Math.max(1, parseNumber(params, 'pageSize') ?? 20),
      maxPageSize: PAGE_RULES.maxNameListPageSize,
    });
    return nacosSuccess({ count: page.total, services: page.items.map((s) => s.service.key.serviceName) });
  }
}
