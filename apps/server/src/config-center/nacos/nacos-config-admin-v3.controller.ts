// Mirrors Nacos 3.x admin API `/nacos/v3/admin/cs/config` (ConfigControllerV3), as the maintainer
// SDK and tools call it, in the {code, message, data} envelope. namespaceId "" or absent is
// public; the group is `groupName`.
//   GET      dataId*, groupName*, namespaceId → data ConfigDetailInfo (unknown: 404 {code:20004})
//   POST     dataId*, groupName*, content*, namespaceId, type, appName, desc, configTags, srcUser;
//            header casMd5 (lost CAS: 409 {code:20005}); header betaIps or tag= → a canary, as v2
//            → data true
//   DELETE   dataId*, groupName*, namespaceId; tag= ends that tag's canary only → data true
//   GET /list     dataId, groupName (patterns, `search` blur by default or accurate), appName,
//                 configTags, pageNo (1), pageSize (100) → data Page<ConfigBasicInfo>
//   GET /listener dataId*, groupName*, namespaceId → data {queryType:"config", listenersStatus:{ip: md5}}
//   GET /beta     → data ConfigGrayInfo of the running beta (none: 404 {code:20004})
//   DELETE /beta  → stops the beta (none running: still true) → data true
// Access: reads need read access to the namespace, changes write access (Nacos 3.x: the admin
// API's own permission); refused: 403 {code:10001}. Bad input: 400 {code:10000 | 20002}.
import { Controller, Delete, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canaryNotFound } from '../canary/domain/canary.errors';
import { ExpensiveRequests } from '../../common/http/expensive-requests';
import { withFieldAliases } from '../../common/nacos/field-aliases';
import { NACOS_PATHS } from '../../common/nacos/nacos-paths';
import { NacosParams, nacosPageNo, nacosPageSize, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { actorOf } from '../../auth/request-actor';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../identity/access';
import { NacosConfigOperations } from './nacos-config.operations';
import {
  V3_FIELD_ALIASES,
  authorFrom,
  configKeyFrom,
  configSearchFrom,
  grayTargetFrom,
  nacosPage,
  publishCommandFrom,
  toNacosConfigBasicInfo,
  toNacosConfigDetailInfo,
  toNacosConfigGrayInfo,
} from './nacos-config.mapper';

type Result<T> = NacosV2Result<T>;
type View = Record<string, unknown>;

@ApiExcludeController()
@NamespaceRead(fromNacosNamespaceId)
@Controller(NACOS_PATHS.v3AdminConfig)
export class NacosConfigAdminV3Controller {
  constructor(
    private readonly operations: NacosConfigOperations,
    private readonly expensive: ExpensiveRequests,
  ) {}

  @Get()
  get(@NacosParams() params: NacosParamMap): Result<View> {
    return nacosSuccess(toNacosConfigDetailInfo(this.operations.detail(configKeyFrom(params, 'namespaceId', 'groupName'))));
  }

  // Headers casMd5 (compare-and-swap) and betaIps (a canary for those addresses), as v1 and v2.
  @Post()
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async publish(@NacosParams() params: NacosParamMap, @Headers() headers: Record<string, string | undefined>, @Req() request: FastifyRequest): Promise<Result<boolean>> {
    const key = configKeyFrom(params, 'namespaceId', 'groupName');
    const command = publishCommandFrom(params, headers.casmd5);
    await withFieldAliases(V3_FIELD_ALIASES, () => this.operations.publish(key, command, grayTargetFrom(headers.betaips, params), actorOf(request, authorFrom(params))));
    return nacosSuccess(true);
  }

  @Delete()
  @NamespaceWrite(fromNacosNamespaceId)
  async delete(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest): Promise<Result<boolean>> {
    await this.operations.remove(configKeyFrom(params, 'namespaceId', 'groupName'), { tag: optionalParam(params, 'tag') }, actorOf(request, authorFrom(params)));
    return nacosSuccess(true);
  }

  @Get('list')
  async list(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<Result<View>> {
    this.expensive.hold(request, reply, 'search');
    const pageNo = nacosPageNo(params);
    const pageSize = nacosPageSize(params);
    const page = await withFieldAliases(V3_FIELD_ALIASES, () => this.operations.search(configSearchFrom(params, pageNo, pageSize)));
    return nacosSuccess(nacosPage(page.items.map(toNacosConfigBasicInfo), page.total, pageNo, pageSize));
  }

  @Get('listener')
  async listeners(@NacosParams() params: NacosParamMap): Promise<Result<View>> {
    return nacosSuccess({ queryType: 'config', listenersStatus: await this.operations.listenerStatus(configKeyFrom(params, 'namespaceId', 'groupName')) });
  }

  @Get('beta')
  beta(@NacosParams() params: NacosParamMap): Result<View> {
    const key = configKeyFrom(params, 'namespaceId', 'groupName');
    const beta = this.operations.beta(key);
    if (!beta) throw canaryNotFound(key);
    return nacosSuccess(toNacosConfigGrayInfo(beta.canary, beta.head));
  }

  @Delete('beta')
  @NamespaceWrite(fromNacosNamespaceId)
  async stopBeta(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest): Promise<Result<boolean>> {
    await this.operations.remove(configKeyFrom(params, 'namespaceId', 'groupName'), { beta: true }, actorOf(request, authorFrom(params)));
    return nacosSuccess(true);
  }
}
