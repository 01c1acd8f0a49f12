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
// Deviations: a lost compare-and-swap is 409 (Nacos: 500 `false`), bad input a 4xx plain text
// naming the parameter, deleting an unknown config 404 (Nacos: true).
import { Controller, Delete, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NacosParams, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { requireAccess } from '../../auth/principal';
import { ConfigListeners } from '../config-listeners';
import { ConfigPublishService } from '../config-publish.service';
import { ConfigQueryService } from '../config-query.service';
import { actorOf } from '../http/actor';
import { NacosConfigListenerService } from './nacos-config-listener.service';
import {
  authorFrom,
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

@ApiExcludeController()
@Controller('/nacos/v1/cs/configs')
export class NacosConfigsV1Controller {
  constructor(
    private readonly publisher: ConfigPublishService,
    private readonly query: ConfigQueryService,
    private readonly listeners: ConfigListeners,
    private readonly longPolling: NacosConfigListenerService,
  ) {}

  @Get()
  @NamespaceRead(fromNacosTenant)
  get(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string | Record<string, unknown> {
    const tenant = params.tenant ?? '';
    if (params.search === 'accurate' || params.search === 'blur') {
      const pageNo = Math.max(1, Number(params.pageNo) || 1);
      const pageSize = Math.min(500, Math.max(1, Number(params.pageSize) || 100));
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
    const record = this.query.get(key);
    this.listeners.touch(key, `long-poll:${request.ip}`, record.md5);
    void reply.headers(configHeaders(record));
    return record.content;
  }

  @Post()
  @NamespaceWrite(fromNacosTenant)
  @HttpCode(200)
  async publish(@NacosParams() params: NacosParamMap, @Headers('casmd5') casMd5: string | undefined, @Req() request: FastifyRequest): Promise<boolean> {
    const key = configKeyFrom(params, 'tenant');
    await this.publisher.publish(key, publishCommandFrom(params, casMd5), actorOf(request, authorFrom(params)));
    return true;
  }

  @Delete()
  @NamespaceWrite(fromNacosTenant)
  async delete(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest): Promise<boolean> {
    await this.publisher.delete(configKeyFrom(params, 'tenant'), actorOf(request, authorFrom(params)));
    return true;
  }

  @Get('listener')
  @NamespaceRead(fromNacosTenant)
  listenerStatus(@NacosParams() params: NacosParamMap): { collectStatus: number; lisentersGroupkeyStatus: Record<string, string> } {
    const key = configKeyFrom(params, 'tenant');
    const status: Record<string, string> = {};
    for (const entry of this.listeners.list(key)) status[entry.clientIp] = entry.md5;
    return { collectStatus: 200, lisentersGroupkeyStatus: status };
  }

  @Post('listener')
  @Authenticated()
  @HttpCode(200)
  async listen(
    @NacosParams() params: NacosParamMap,
    @Headers('long-pulling-timeout') timeout: string | undefined,
    @Headers('long-pulling-timeout-no-hangup') noHangup: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const entries = parseListeningConfigs(params['Listening-Configs']);
    for (const entry of entries) requireAccess(request.principal, entry.key.namespaceId, 'read');
    const timeoutMs = timeout !== undefined && Number.isFinite(Number(timeout)) ? Number(timeout) : undefined;
    void reply.headers({ 'content-type': 'text/plain; charset=utf-8', pragma: 'no-cache', expires: '0', 'cache-control': 'no-cache,no-store' });
    return this.longPolling.poll(entries, {
      timeoutMs,
      noHangup: noHangup === 'true',
      clientIp: request.ip,
      onClose: (cancel) => reply.raw.once('close', cancel),
    });
  }
}

