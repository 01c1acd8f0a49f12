// Mirrors Nacos 3.x admin API `/nacos/v3/admin/core/namespace` (NamespaceControllerV3), in the
// {code, message, data} envelope:
//   GET /list                  → data [Namespace] the caller may read
//   GET    namespaceId*        → data Namespace (unknown: 404 {code:22001})
//   GET /check namespaceId*    → data 1 when it exists, else 0
//   POST   namespaceId (blank: generated), namespaceName*, namespaceDesc → data true
//          (taken: 409 {code:22002})
//   PUT    namespaceId*, namespaceName*, namespaceDesc → data true
//   DELETE namespaceId*        → data true
// Namespace {namespace, namespaceShowName, namespaceDesc, quota, configCount, type: 0 built-in,
// 1 custom}. Changes are for administrators; refused: 403 {code:10001}. Deviation: the specific
// 4xx (404, 409) where Nacos answers 400; the numeric codes are Nacos's.
import { Controller, Delete, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { withFieldAliases } from '../../common/nacos/field-aliases';
import { NACOS_PATHS } from '../../common/nacos/nacos-paths';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { NacosParams, requiredParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import type { NamespaceEntity } from '../domain/namespace.entity';
import { NamespacesService } from '../namespaces.service';
import { V2_FIELD_ALIASES, createCommandFromV2, toNacosNamespaceV3, updateCommandFromV2, type NacosNamespace } from './nacos-namespace.mapper';
import { canAccess } from '../../identity/principal';
import { requireAccess } from '../../auth/access-checks';
import { AdminOnly, Authenticated } from '../../identity/access';
import { RequestActor } from '../../auth/request-actor';
import type { Actor } from '../../identity/actor';

type Result<T> = NacosV2Result<T>;

@ApiExcludeController()
@AdminOnly()
@Controller(NACOS_PATHS.v3AdminNamespace)
export class NacosNamespacesV3Controller {
  constructor(private readonly namespaces: NamespacesService) {}

  private readonly view = (namespace: NamespaceEntity): NacosNamespace => toNacosNamespaceV3(namespace, this.namespaces.usage(namespace.namespaceId, 'configs'));

  // The namespaces the caller may read.
  @Get('list')
  @Authenticated()
  list(@Req() { principal }: FastifyRequest): Result<NacosNamespace[]> {
    return nacosSuccess(this.namespaces.list().filter((n) => canAccess(principal!, n.namespaceId, 'read')).map(this.view));
  }

  @Get()
  @Authenticated()
  get(@NacosParams() params: NacosParamMap, @Req() { principal }: FastifyRequest): Result<NacosNamespace> {
    const namespaceId = requiredParam(params, 'namespaceId');
    requireAccess(principal, namespaceId, 'read');
    return nacosSuccess(this.view(this.namespaces.get(namespaceId)));
  }

  @Get('check')
  @Authenticated()
  check(@NacosParams() params: NacosParamMap): Result<number> {
    return nacosSuccess(this.namespaces.exists(requiredParam(params, 'namespaceId')) ? 1 : 0);
  }

  // A change answers true once it is done; errors name the v3 parameters.
  private async change(action: () => Promise<unknown>): Promise<Result<boolean>> {
    await withFieldAliases(V2_FIELD_ALIASES, action);
    return nacosSuccess(true);
  }

  @Post()
  @HttpCode(200)
  create(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<Result<boolean>> {
    return this.change(() => this.namespaces.create(createCommandFromV2(params), caller));
  }

  @Put()
  update(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<Result<boolean>> {
    return this.change(() => {
      const { namespaceId, command } = updateCommandFromV2(params);
      return this.namespaces.update(namespaceId, command, caller);
    });
  }

  @Delete()
  delete(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<Result<boolean>> {
    return this.change(() => this.namespaces.delete(requiredParam(params, 'namespaceId'), caller));
  }
}
