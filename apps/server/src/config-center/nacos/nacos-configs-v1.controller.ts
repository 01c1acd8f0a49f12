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
import { Controller, Delete, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExpensiveRequests } from '../../common/http/expensive-requests';
import { NacosParams, nacosPageNo, nacosPageSize, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { requireAccess, type Principal } from '../../auth/principal';
import { ConfigListeners } from '../config-listeners';
import { ConfigPublishService, type Actor } from '../config-publish.service';
import { ConfigQueryService } from '../config-query.service';
import { actorOf } from '../http/actor';
import { NacosConfigListenerService } from './nacos-config-listener.service';
import { clientIpOf } from '../../auth/caller';
import { CanaryService } from '../canary/canary.service';
import {
  authorFrom,
  grayTargetFrom,
  clientLabels,
  toNacosConfigInfo4Beta,
  configHeaders,
  configKeyFrom,
  nacosPage,
  namespaceFromTenant,
  parseListeningConfigs,
  publishCommandFrom,
  toNacosConfigAllInfo,
  toNacosConfigInfo,
} from './nacos-config.mapper';
import { Authenticated, NamespaceRead, NamespaceWrite, fromNacosTenant } from '../../auth/access.decorators';

// A publish (or a gray publish: a betaIps header or a tag), as the controller and the hot route
// (nacos-config-hot-routes.ts) both run it.
export async function nacosPublish(publisher: ConfigPublishService, canaries: CanaryService, params: NacosParamMap, casMd5: string | undefined, betaIps: string | undefined, actor: Actor): Promise<void> {
  const key = configKeyFrom(params, 'tenant');
  const command = publishCommandFrom(params, casMd5);
  const gray = grayTargetFrom(betaIps, params);
  if (gray) await canaries.publishGray(key, command.content, command.type, gray, actor);
  else await publisher.publish(key, command, actor);
}

export const LISTEN_HEADERS = { 'content-type': 'text/plain; charset=utf-8', pragma: 'no-cache', expires: '0', 'cache-control': 'no-cache,no-store' } as const;

// A long-polling request, as the controller and the hot route both run it: the changed keys at
// once, or after a change or the hold time.
export function nacosListen(
  longPolling: NacosConfigListenerService,
  params: NacosParamMap,
  headers: { timeout: string | undefined; noHangup: string | undefined; vipserverTag: string | undefined },
  principal: Principal | undefined,
  clientIp: string,
  onClose: (cancel: () => void) => void,
): Promise<string> {
  const entries = parseListeningConfigs(params['Listening-Configs']);
  for (const entry of entries) requireAccess(principal, entry.key.namespaceId, 'read');
  const { timeout } = headers;
  const timeoutMs = timeout !== undefined && Number.isFinite(Number(timeout)) ? Number(timeout) : undefined;
  return longPolling.poll(entries, { timeoutMs, noHangup: headers.noHangup === 'true', clientIp, labels: clientLabels({}, headers.vipserverTag), onClose });
}

@ApiExcludeController()
@Controller('/nacos/v1/cs/configs')
export class NacosConfigsV1Controller {
  constructor(
    private readonly publisher: ConfigPublishService,
    private readonly query: ConfigQueryService,
    private readonly listeners: ConfigListeners,
    private readonly longPolling: NacosConfigListenerService,
    private readonly canaries: CanaryService,
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
      const key = configKeyFrom(params, 'tenant');
      const head = this.query.get(key);
      const canary = this.canaries.find(key);
      return { code: 200, message: 'query beta ok', data: canary ? toNacosConfigInfo4Beta(canary, head, tenant) : null };
    }
    if (params.search === 'accurate' || params.search === 'blur') {
      this.expensive.hold(request, reply, 'search');
      const pageNo = nacosPageNo(params);
      const pageSize = nacosPageSize(params);
      const page = this.query.search({
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
    if (params.show === 'all') return toNacosConfigAllInfo(this.query.get(key), tenant);
    const clientIp = clientIpOf(request);
    const { record, canary } = this.query.answer(key, { ip: clientIp, labels: clientLabels(params, vipserverTag) });
    this.listeners.touch(key, `long-poll:${clientIp}`, record.md5);
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
    await nacosPublish(this.publisher, this.canaries, params, casMd5, betaIps, actorOf(request, authorFrom(params)));
    return true;
  }

  @Delete()
  @NamespaceWrite(fromNacosTenant)
  async delete(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest): Promise<boolean | Record<string, unknown>> {
    const key = configKeyFrom(params, 'tenant');
    if (params.beta === 'true') {
      // As Nacos, stopping a beta that is not running is not an error.
      if (this.canaries.find(key)) await this.canaries.abort(key, actorOf(request, authorFrom(params)), 'beta stopped');
      return { code: 200, message: 'stop beta ok', data: true };
    }
    const tag = optionalParam(params, 'tag');
    if (tag) {
      // Deleting with a tag removes that tag's gray release, not the config.
      await this.canaries.removeTagGray(key, tag, actorOf(request, authorFrom(params)));
      return true;
    }
    await this.publisher.delete(key, actorOf(request, authorFrom(params)));
    return true;
  }

  @Get('listener')
  @NamespaceRead(fromNacosTenant)
  async listenerStatus(@NacosParams() params: NacosParamMap): Promise<{ collectStatus: number; lisentersGroupkeyStatus: Record<string, string> }> {
    const key = configKeyFrom(params, 'tenant');
    const status: Record<string, string> = {};
    for (const entry of await this.listeners.listAcrossCluster(key)) status[entry.clientIp] = entry.md5;
    return { collectStatus: 200, lisentersGroupkeyStatus: status };
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
    return nacosListen(this.longPolling, params, { timeout, noHangup, vipserverTag }, request.principal, clientIpOf(request), (cancel) => reply.raw.once('close', cancel));
  }
}

