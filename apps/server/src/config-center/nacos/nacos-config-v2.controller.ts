// Mirrors Nacos open API v2 config endpoints (ConfigControllerV2, HistoryControllerV2, 2.2+),
// in the {code, message, data} envelope:
//   GET    /nacos/v2/cs/config dataId*, group*, namespaceId, tag → data: content (404 {code:20004});
//          per client, as v1: a client a canary targets gets the candidate (header isBeta)
//   POST   /nacos/v2/cs/config dataId*, group*, content*, namespaceId, type, appName, desc,
//          configTags, srcUser; header casMd5 → data: true (lost CAS: 409 {code:20005});
//          header betaIps → a canary for those addresses, as v1; tag= → a canary for that label
//   DELETE with tag= ends that tag's canary, not the config
//   DELETE /nacos/v2/cs/config dataId*, group*, namespaceId → data: true
//   GET    /nacos/v2/cs/history/list dataId*, group*, namespaceId, pageNo, pageSize → data: Page
//   GET    /nacos/v2/cs/history dataId*, group*, namespaceId, nid* → data: ConfigHistoryInfo
//   GET    /nacos/v2/cs/history/previous dataId*, group*, namespaceId, id* → data
//   GET    /nacos/v2/cs/history/configs namespaceId → data: [ConfigInfo]
import { Controller, Delete, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { ExpensiveRequests } from '../../common/http/expensive-requests';
import { clientIpOf } from '../../common/http/client-ip';
import { NacosParams, nacosPageNo, nacosPageSize, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { actorOf } from '../../auth/request-actor';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../identity/access';
import { NacosConfigOperations } from './nacos-config.operations';
import { authorFrom, grayTargetFrom, clientLabels, configHeaders, configKeyFrom, nacosPage, namespaceFromTenant, publishCommandFrom, toNacosConfigInfo } from './nacos-config.mapper';
import { toNacosHistory, versionParam } from './nacos-history.mapper';

@ApiExcludeController()
@NamespaceRead(fromNacosNamespaceId)
@Controller('/nacos/v2/cs')
export class NacosConfigV2Controller {
  constructor(
    private readonly operations: NacosConfigOperations,
    private readonly expensive: ExpensiveRequests,
  ) {}

  @Get('config')
  get(
    @NacosParams() params: NacosParamMap,
    @Headers('vipserver-tag') vipserverTag: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): NacosV2Result<string> {
    const { record, canary } = this.operations.read(configKeyFrom(params, 'namespaceId'), { ip: clientIpOf(request), labels: clientLabels(params, vipserverTag) });
    const { 'content-type': _ignored, ...headers } = configHeaders(record, !!canary);
    void reply.headers(headers);
    return nacosSuccess(record.content);
  }

  @Post('config')
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async publish(
    @NacosParams() params: NacosParamMap,
    @Headers('casmd5') casMd5: string | undefined,
    @Headers('betaips') betaIps: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<NacosV2Result<boolean>> {
    const command = publishCommandFrom({ ...params, config_tags: params.configTags ?? params.config_tags }, casMd5);
    await this.operations.publish(configKeyFrom(params, 'namespaceId'), command, grayTargetFrom(betaIps, params), actorOf(request, authorFrom(params)));
    return nacosSuccess(true);
  }

  // v2 knows no beta parameter: a delete removes the config, or with tag= that tag's gray release.
  @Delete('config')
  @NamespaceWrite(fromNacosNamespaceId)
  async delete(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest): Promise<NacosV2Result<boolean>> {
    await this.operations.remove(configKeyFrom(params, 'namespaceId'), { tag: optionalParam(params, 'tag') }, actorOf(request, authorFrom(params)));
    return nacosSuccess(true);
  }

  @Get('history/list')
  async historyList(@NacosParams() params: NacosParamMap): Promise<NacosV2Result<Record<string, unknown>>> {
    const key = configKeyFrom(params, 'namespaceId');
    const pageNo = nacosPageNo(params);
    const pageSize = nacosPageSize(params);
    const page = await this.operations.history(key, pageNo, pageSize);
    return nacosSuccess(nacosPage(page.items.map((row) => toNacosHistory(row, params.namespaceId ?? '')), page.total, pageNo, pageSize));
  }

  @Get('history')
  async history(@NacosParams() params: NacosParamMap): Promise<NacosV2Result<Record<string, unknown>>> {
    const key = configKeyFrom(params, 'namespaceId');
    return nacosSuccess(toNacosHistory(await this.operations.version(key, versionParam(params, 'nid')), params.namespaceId ?? ''));
  }

  @Get('history/previous')
  async previous(@NacosParams() params: NacosParamMap): Promise<NacosV2Result<Record<string, unknown>>> {
    const key = configKeyFrom(params, 'namespaceId');
    return nacosSuccess(toNacosHistory(await this.operations.previousVersion(key, versionParam(params, 'id')), params.namespaceId ?? ''));
  }

  @Get('history/configs')
  configs(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): NacosV2Result<Record<string, unknown>[]> {
    this.expensive.hold(request, reply, 'export');
    const namespace = params.namespaceId ?? '';
    return nacosSuccess(this.operations.all(namespaceFromTenant(namespace)).map((r) => toNacosConfigInfo(r, namespace)));
  }
}
