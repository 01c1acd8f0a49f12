// Mirrors Nacos naming API v1 `/nacos/v1/ns/service` (ServiceController, 1.x/2.x):
//   POST   serviceName*, groupName, namespaceId, protectThreshold, metadata → ok
//   DELETE serviceName*, groupName, namespaceId                          → ok (refused while instances remain)
//   PUT    serviceName*, protectThreshold, metadata                        → ok
//   GET    serviceName*  → {namespaceId, groupName, name, protectThreshold, metadata, selector, clusters}
//   GET    /list pageNo, pageSize, groupName, namespaceId → {count, doms:[names]}; pageSize up to
//          Integer.MAX_VALUE (Spring Cloud Alibaba lists every service that way)
// Deviations: unknown service → 404 (Nacos 400), existing service → 409 (Nacos 400); `selector`
// is accepted and ignored (label selectors are not supported).
import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEFAULT_GROUP, PAGE_RULES } from '@switchboard/shared';
import { NacosParams, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { ServiceCatalogService } from '../service-catalog.service';
import { namespaceOf, parseMetadata, parseNumber, serviceKeyFrom, toNacosServiceDetail } from './nacos-naming.mapper';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../auth/access.decorators';
import { RequestCaller, type Caller } from '../../auth/caller';

@ApiExcludeController()
@Controller('/nacos/v1/ns/service')
export class NacosServiceV1Controller {
  constructor(private readonly catalog: ServiceCatalogService) {}

  @Post()
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async create(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<string> {
    await this.catalog.create(serviceKeyFrom(params), { protectThreshold: parseNumber(params, 'protectThreshold'), metadata: parseMetadata(params) }, caller);
    return 'ok';
  }

  @Delete()
  @NamespaceWrite(fromNacosNamespaceId)
  async delete(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<string> {
    await this.catalog.delete(serviceKeyFrom(params), caller);
    return 'ok';
  }

  @Put()
  @NamespaceWrite(fromNacosNamespaceId)
  async update(@NacosParams() params: NacosParamMap, @RequestCaller() caller: Caller): Promise<string> {
    await this.catalog.update(serviceKeyFrom(params), { protectThreshold: parseNumber(params, 'protectThreshold'), metadata: parseMetadata(params) }, caller);
    return 'ok';
  }

  @Get()
  @NamespaceRead(fromNacosNamespaceId)
  detail(@NacosParams() params: NacosParamMap): Record<string, unknown> {
    return toNacosServiceDetail(this.catalog.get(serviceKeyFrom(params)));
  }

  @Get('list')
  @NamespaceRead(fromNacosNamespaceId)
  list(@NacosParams() params: NacosParamMap): { count: number; doms: string[] } {
    const page = this.catalog.list({
      namespaceId: namespaceOf(params),
      groupName: optionalParam(params, 'groupName') ?? DEFAULT_GROUP,
      pageNo: Math.max(1, parseNumber(params, 'pageNo') ?? 1),
      pageSize: Math.max(1, parseNumber(params, 'pageSize') ?? 20),
      maxPageSize: PAGE_RULES.maxNameListPageSize,
    });
    return { count: page.total, doms: page.items.map((s) => s.service.key.serviceName) };
  }
}
