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
import { NacosParams, type NacosParamMap } from '../../common/nacos/nacos-params';
import { NacosNamingOperations } from './nacos-naming.operations';
import { serviceKeyFrom, serviceNamesQueryFrom, serviceSettingsFrom, toNacosServiceDetail } from './nacos-naming.mapper';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../identity/access';
import { RequestActor } from '../../auth/request-actor';
import type { Actor } from '../../identity/actor';

@ApiExcludeController()
@Controller('/nacos/v1/ns/service')
export class NacosServiceV1Controller {
  constructor(private readonly naming: NacosNamingOperations) {}

  @Post()
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async create(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<string> {
    await this.naming.createService(serviceKeyFrom(params), serviceSettingsFrom(params), actor);
    return 'ok';
  }

  @Delete()
  @NamespaceWrite(fromNacosNamespaceId)
  async delete(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<string> {
    await this.naming.deleteService(serviceKeyFrom(params), actor);
    return 'ok';
  }

  @Put()
  @NamespaceWrite(fromNacosNamespaceId)
  async update(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<string> {
    await this.naming.updateService(serviceKeyFrom(params), serviceSettingsFrom(params), actor);
    return 'ok';
  }

  @Get()
  @NamespaceRead(fromNacosNamespaceId)
  detail(@NacosParams() params: NacosParamMap): Record<string, unknown> {
    return toNacosServiceDetail(this.naming.service(serviceKeyFrom(params)));
  }

  @Get('list')
  @NamespaceRead(fromNacosNamespaceId)
  list(@NacosParams() params: NacosParamMap): { count: number; doms: string[] } {
    const page = this.naming.serviceNames(serviceNamesQueryFrom(params));
    return { count: page.count, doms: page.names };
  }
}
