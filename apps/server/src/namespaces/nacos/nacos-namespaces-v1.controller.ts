// Mirrors Nacos console API v1 `/nacos/v1/console/namespaces` (console NamespaceController, 2.x):
//   GET                                         → RestResult {code:200, message:null, data:[Namespace]}
//   GET ?show=all&namespaceId=                  → Namespace (unwrapped); unknown → 404 text
//   GET ?checkNamespaceIdExist=true&customNamespaceId= → true | false
//   POST customNamespaceId?, namespaceName*, namespaceDesc → true
//   PUT namespace*, namespaceShowName*, namespaceDesc      → true
//   DELETE namespaceId*                                    → true
// Parameters in the query or an urlencoded form. Deviation: bad input is a 4xx with a plain-text
// message naming the parameter (Nacos answers 200 `false`).
import { Controller, Delete, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { withFieldAliases } from '../../common/nacos/field-aliases';
import { NACOS_PATHS } from '../../common/nacos/nacos-paths';
import { nacosRestResult, type NacosRestResult } from '../../common/nacos/nacos-result';
import { NacosParams, requiredParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import type { NamespaceEntity } from '../domain/namespace.entity';
import { NamespacesService } from '../namespaces.service';
import {
  V1_FIELD_ALIASES,
  V1_UPDATE_FIELD_ALIASES,
  createCommandFromV1,
  toNacosNamespace,
  updateCommandFromV1,
  type NacosNamespace,
} from './nacos-namespace.mapper';
import { canAccess } from '../../identity/principal';
import { requireAccess } from '../../auth/access-checks';
import { AdminOnly, Authenticated } from '../../identity/access';
import { RequestActor } from '../../auth/request-actor';
import type { Actor } from '../../identity/actor';

@ApiExcludeController()
@Controller(NACOS_PATHS.v1ConsoleNamespaces)
export class NacosNamespacesV1Controller {
  constructor(private readonly namespaces: NamespacesService) {}

  private toNacos(namespace: NamespaceEntity): NacosNamespace {
    return toNacosNamespace(namespace, this.namespaces.usage(namespace.namespaceId, 'configs'));
  }

  @Get()
  @Authenticated()
  query(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest): NacosRestResult<NacosNamespace[]> | NacosNamespace | boolean {
    if (params.checkNamespaceIdExist === 'true') {
      return this.namespaces.exists(requiredParam(params, 'customNamespaceId'));
    }
    if (params.show === 'all') {
      const namespaceId = requiredParam(params, 'namespaceId');
      requireAccess(request.principal, namespaceId, 'read');
      return this.toNacos(this.namespaces.get(namespaceId));
    }
    return nacosRestResult(this.namespaces.list().filter((n) => canAccess(request.principal!, n.namespaceId, 'read')).map((n) => this.toNacos(n)));
  }

  @Post()
  @AdminOnly()
  @HttpCode(200)
  async create(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<boolean> {
    await withFieldAliases(V1_FIELD_ALIASES, () => this.namespaces.create(createCommandFromV1(params), caller));
    return true;
  }

  @Put()
  @AdminOnly()
  async update(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<boolean> {
    await withFieldAliases(V1_UPDATE_FIELD_ALIASES, () => {
      const { namespaceId, command } = updateCommandFromV1(params);
      return this.namespaces.update(namespaceId, command, caller);
    });
    return true;
  }

  @Delete()
  @AdminOnly()
  async delete(@NacosParams() params: NacosParamMap, @RequestActor() caller: Actor): Promise<boolean> {
    await this.namespaces.delete(requiredParam(params, 'namespaceId'), caller);
    return true;
  }
}
