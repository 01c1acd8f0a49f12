// Mirrors Nacos config API v1 `/nacos/v1/cs/configs` (ConfigController, 1.x/2.x):
//   GET    dataId*, group*, tenant → raw content; headers Config-Type, Content-MD5,
//          Last-Modified, no-cache; 404 "config data not exist"
//   GET    ?show=all → ConfigAllInfo JSON;  ?search=accurate|blur (dataId, group, appName,
//          config_tags, pageNo, pageSize) → {totalCount, pageNumber, pagesAvailable, pageItems}
//   POST   dataId*, group*, content*, tenant, type, appName, desc, config_tags, src_user;
//          header casMd5 → true
//   DELETE dataId*, group*, tenant → true
//   GET    /listener dataId*, group*, tenant → {collectStatus, lisentersGroupkeyStatus:{ip: md5}}
//   POST   /listener Listening-Configs*, header Long-Pulling-Timeout → changed keys (long poll)
// Beta (Nacos's IP gray release) is a canary release targeting addresses:
//   POST   with header betaIps → starts it (or gives the active canary this content and list)
//   GET    ?beta=true → RestResult {code:200, message:"query beta ok", data: ConfigInfo4Beta|null}
//   DELETE ?beta=true → aborts it: RestResult {code:200, message:"stop beta ok", data:true}
// A tag gray release (POST with tag=) is a canary targeting clients with that label; DELETE with
// tag= aborts it.
// Every read answers per client (its address, and the tag parameter / Vipserver-Tag header as
// labels): a client a canary targets gets the candidate, with header isBeta: true.
// Deviations: a lost compare-and-swap is 409 (Nacos: 500 `false`), bad input a 4xx plain text
// naming the parameter, deleting an unknown config 404 (Nacos: true); a search past the bounds
// (pageSize, pageNo, patterns) is refused, and one past the caller's concurrent searches is 429.
// The plain read, the publish and the long poll are also answered on the hot path
// (nacos-config-hot-routes.ts), through the same operations.
import { Controller, Delete, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExpensiveRequests } from '../../common/http/expensive-requests';
import { clientIpOf } from '../../common/http/client-ip';
import { NacosParams, nacosPageNo, nacosPageSize, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { actorOf } from '../../auth/request-actor';
import { Authenticated, NamespaceRead, NamespaceWrite, fromNacosTenant } from '../../identity/access';
import { NacosConfigOperations } from './nacos-config.operations';
import {
  LISTEN_HEADERS,
  authorFrom,
  clientLabels,
  configHeaders,
  configKeyFrom,
  deleteTargetFrom,
  grayTargetFrom,
  nacosPage,
  namespaceFromTenant,
  parseListeningConfigs,
  pollOptionsFrom,
  publishCommandFrom,
  toNacosConfigAllInfo,
  toNacosConfigInfo,
  toNacosConfigInfo4Beta,
} from './nacos-config.mapper';

@ApiExcludeController()
@Controller('/nacos/v1/cs/configs')
export class NacosConfigsV1Controller {
  constructor(
    private readonly configs: NacosConfigOperations,
    private readonly expensive: ExpensiveRequests,
  ) {}

  @Get()
  @NamespaceRead(fromNacosTenant)
  get(
    @NacosParams() params: NacosParamMap,
    @Headers('vipserver-tag') vipserverTag: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): string | Record<string, unknown> {
    const tenant = params.tenant ?? '';
    if (params.beta === 'true') {
      const beta = this.configs.beta(configKeyFrom(params, 'tenant'));
      return { code: 200, message: 'query beta ok', data: beta ? toNacosConfigInfo4Beta(beta.canary, beta.head, tenant) : null };
    }
    if (params.search === 'accurate' || params.search === 'blur') {
      this.expensive.hold(request, reply, 'search');
      const pageNo = nacosPageNo(params);
      const pageSize = nacosPageSize(params);
      const page = this.configs.search({
        namespaceId: namespaceFromTenant(tenant),
        group: optionalParam(params, 'group'),
        dataId: optionalParam(params, 'dataId'),
        appName: optionalParam(params, 'appName'),
        tags: optionalParam(params, 'config_tags')?.split(',').map((t) => t.trim()).filter(Boolean),
        mode: params.search === 'blur' ? 'blur' : 'exact',
        pageNo,
        pageSize,
      });
      return nacosPage(page.items.map((r) => toNacosConfigInfo(r, tenant)), page.total, pageNo, pageSize);
    }
    const key = configKeyFrom(params, 'tenant');
    if (params.show === 'all') return toNacosConfigAllInfo(this.configs.detail(key), tenant);
    const { record, canary } = this.configs.readForSubscriber(key, { ip: clientIpOf(request), labels: clientLabels(params, vipserverTag) });
    void reply.headers(configHeaders(record, !!canary));
    return record.content;
  }

  @Post()
  @NamespaceWrite(fromNacosTenant)
  @HttpCode(200)
  async publish(
    @NacosParams() params: NacosParamMap,
    @Headers('casmd5') casMd5: string | undefined,
    @Headers('betaips') betaIps: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<boolean> {
    await this.configs.publish(configKeyFrom(params, 'tenant'), publishCommandFrom(params, casMd5), grayTargetFrom(betaIps, params), actorOf(request, authorFrom(params)));
    return true;
  }

  @Delete()
  @NamespaceWrite(fromNacosTenant)
  async delete(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest): Promise<boolean | Record<string, unknown>> {
    const target = deleteTargetFrom(params);
    await this.configs.remove(configKeyFrom(params, 'tenant'), target, actorOf(request, authorFrom(params)));
    return target.beta ? { code: 200, message: 'stop beta ok', data: true } : true;
  }

  @Get('listener')
  @NamespaceRead(fromNacosTenant)
  async listenerStatus(@NacosParams() params: NacosParamMap): Promise<{ collectStatus: number; lisentersGroupkeyStatus: Record<string, string> }> {
    return { collectStatus: 200, lisentersGroupkeyStatus: await this.configs.listenerStatus(configKeyFrom(params, 'tenant')) };
  }

  @Post('listener')
  @Authenticated()
  @HttpCode(200)
  async listen(
    @NacosParams() params: NacosParamMap,
    @Headers('long-pulling-timeout') timeout: string | undefined,
    @Headers('long-pulling-timeout-no-hangup') noHangup: string | undefined,
    @Headers('vipserver-tag') vipserverTag: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    void reply.headers(LISTEN_HEADERS);
    const options = pollOptionsFrom({ timeout, noHangup, vipserverTag }, clientIpOf(request), (cancel) => reply.raw.once('close', cancel));
    return this.configs.listen(parseListeningConfigs(params['Listening-Configs']), request.principal, options);
  }
}
