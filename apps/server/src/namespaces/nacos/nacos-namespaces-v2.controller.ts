// Mirrors Nacos open API v2 `/nacos/v2/console/namespace` (NamespaceControllerV2, 2.2+), all
// answers in the {code, message, data} envelope:
//   GET /list                                   → data: [Namespace]
//   GET ?namespaceId=                           → data: Namespace; unknown → 404 {code:22001}
//   POST namespaceId?, namespaceName*, namespaceDesc → data: true (duplicate → 409 {code:22002})
//   PUT namespaceId*, namespaceName*, namespaceDesc  → data: true
//   DELETE ?namespaceId=                        → data: true
// Parameters in the query or an urlencoded form. Deviation: HTTP statuses are the specific 4xx
// (404, 409) where Nacos answers 400; the numeric codes are Nacos's.
import { Controller, Delete, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { withFieldAliases } from '../../common/nacos/field-aliases';
import { NACOS_PATHS } from '../../common/nacos/nacos-paths';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { NacosParams, requiredParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import type { NamespaceEntity } from '../domain/namespace.entity';
import { NamespacesService } from '../namespaces.service';
import { V2_FIELD_ALIASES, createCommandFromV2, toNacosNamespace, updateCommandFromV2, type NacosNamespace } from './nacos-namespace.mapper';
import { canAccess } from '../../identity/principal';
import { requireAccess } from '../../auth/access-checks';
import { AdminOnly, Authenticated } from '../../identity/access';
import { RequestActor } from '../../auth/request-actor';
import type { Actor } from '../../identity/actor';

@ApiExcludeController()
@Controller(NACOS_PATHS.v2ConsoleNamespace)
export class NacosNamespacesV2Controller {
  constructor(private readonly namespaces: NamespacesService) {}

  private toNacos(namespace: NamespaceEntity): NacosNamespace {
    return toNacosNamespace(namespace, this.namespaces.usage(namespace.namespaceId, 'configs'));
  }

  @Get('list')
  @Authenticated()
  list(@Req() request: FastifyRequest): NacosV2Result<NacosNamespace[]> {
    return nacosSuccess(this.namespaces.list().filter((n) => canAccess(request.principal!, n.namespaceId, 'read')).map((n) => this.toNacos(n)));
  }

  @Get()
  @Authenticated()
  get(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest): NacosV2Result<NacosNamespace> {
    const namespaceId = requiredParam(params, 'namespaceId');
    requireAccess(request.principal, namespaceId, 'read');
    return nacosSuccess(this.toNacos(this.namespaces.get(namespaceId)));
  }

  @Post()
  @AdminOnly()
  @HttpCode(200)
  async create(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosV2Result<boolean>> {
    await withFieldAliases(V2_FIELD_ALIASES, () => this.namespaces.create(createCommandFromV2(params), caller));
    return nacosSuccess(true);
  }

  @Put()
  @AdminOnly()
  async update(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosV2Result<boolean>> {
    await withFieldAliases(V2_FIELD_ALIASES, () => {
      const { namespaceId, command } = updateCommandFromV2(params);
      return this.namespaces.update(namespaceId, command, caller);
    });
    return nacosSuccess(true);
  }

  @Delete()
  @AdminOnly()
  async delete(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<NacosV2Result<boolean>> {
    await this.namespaces.delete(requiredParam(params, 'namespaceId'), caller);
    return nacosSuccess(true);
  }
}
