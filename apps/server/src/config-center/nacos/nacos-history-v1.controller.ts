// Mirrors Nacos config history API v1 `/nacos/v1/cs/history` (HistoryController):
//   GET ?search=accurate dataId*, group*, tenant, pageNo, pageSize → Page<ConfigHistoryInfo>
//   GET ?nid= dataId*, group*, tenant → ConfigHistoryInfo (with content)
//   GET /previous?id= dataId*, group*, tenant → the version before it
//   GET /configs?tenant= → [ConfigInfo] of the namespace
// `nid` / `id` are our version numbers (unique per config).
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { ExpensiveRequests } from '../../common/http/expensive-requests';
import { NacosParams, nacosPageNo, nacosPageSize, type NacosParamMap } from '../../common/nacos/nacos-params';
import { NacosConfigOperations } from './nacos-config.operations';
import { configKeyFrom, nacosPage, namespaceFromTenant, toNacosConfigInfo } from './nacos-config.mapper';
import { toNacosHistory, versionParam } from './nacos-history.mapper';
import { NamespaceRead, fromNacosTenant } from '../../identity/access';

@ApiExcludeController()
@NamespaceRead(fromNacosTenant)
@Controller('/nacos/v1/cs/history')
export class NacosHistoryV1Controller {
  constructor(
    private readonly operations: NacosConfigOperations,
    private readonly expensive: ExpensiveRequests,
  ) {}

  @Get()
  async history(@NacosParams() params: NacosParamMap): Promise<Record<string, unknown>> {
    const key = configKeyFrom(params, 'tenant');
    const tenant = params.tenant ?? '';
    if (params.nid !== undefined) return toNacosHistory(await this.operations.version(key, versionParam(params, 'nid')), tenant);
    const pageNo = nacosPageNo(params);
    const pageSize = nacosPageSize(params);
    const page = await this.operations.history(key, pageNo, pageSize);
    return nacosPage(page.items.map((row) => toNacosHistory(row, tenant)), page.total, pageNo, pageSize);
  }

  @Get('previous')
  async previous(@NacosParams() params: NacosParamMap): Promise<Record<string, unknown>> {
    const key = configKeyFrom(params, 'tenant');
    return toNacosHistory(await this.operations.previousVersion(key, versionParam(params, 'id')), params.tenant ?? '');
  }

  @Get('configs')
  configs(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Record<string, unknown>[] {
    this.expensive.hold(request, reply, 'export');
    const tenant = params.tenant ?? '';
    return this.operations.all(namespaceFromTenant(tenant)).map((r) => toNacosConfigInfo(r, tenant));
  }
}
