// Mirrors Nacos 3.x admin API `/nacos/v3/admin/cs/history` (HistoryControllerV3), in the
// {code, message, data} envelope; namespaceId "" or absent is public, the group is `groupName`:
//   GET /list      dataId*, groupName*, namespaceId, pageNo (1), pageSize (100, at most 500)
//                  → data Page<ConfigHistoryBasicInfo>
//   GET            dataId*, groupName*, namespaceId, nid* → data ConfigHistoryDetailInfo
//   GET /previous  dataId*, groupName*, namespaceId, id* → data: the version before it
//   GET /configs   namespaceId → data [ConfigBasicInfo] of the namespace
// `nid` / `id` are our version numbers (unique per config); unknown: 404 {code:20004}.
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExpensiveRequests } from '../../common/http/expensive-requests';
import { NACOS_PATHS } from '../../common/nacos/nacos-paths';
import { NacosParams, nacosPageNo, nacosPageSize, type NacosParamMap } from '../../common/nacos/nacos-params';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { NamespaceRead, fromNacosNamespaceId } from '../../identity/access';
import { NacosConfigOperations } from './nacos-config.operations';
import { configKeyFrom, nacosPage, namespaceFromTenant, toNacosConfigBasicInfo } from './nacos-config.mapper';
import { toNacosHistoryV3, versionParam } from './nacos-history.mapper';

// The largest history page Nacos 3.x answers.
const MAX_HISTORY_PAGE_SIZE = 500;

@ApiExcludeController()
@NamespaceRead(fromNacosNamespaceId)
@Controller(NACOS_PATHS.v3AdminHistory)
export class NacosHistoryAdminV3Controller {
  constructor(
    private readonly operations: NacosConfigOperations,
    private readonly expensive: ExpensiveRequests,
  ) {}

  @Get('list')
  async list(@NacosParams() params: NacosParamMap): Promise<NacosV2Result<Record<string, unknown>>> {
    const key = configKeyFrom(params, 'namespaceId', 'groupName');
    const pageNo = nacosPageNo(params);
    const pageSize = Math.min(MAX_HISTORY_PAGE_SIZE, nacosPageSize(params));
    const page = await this.operations.history(key, pageNo, pageSize);
    return nacosSuccess(nacosPage(page.items.map(toNacosHistoryV3), page.total, pageNo, pageSize));
  }

  @Get()
  async detail(@NacosParams() params: NacosParamMap): Promise<NacosV2Result<Record<string, unknown>>> {
    const key = configKeyFrom(params, 'namespaceId', 'groupName');
    return nacosSuccess(toNacosHistoryV3(await this.operations.version(key, versionParam(params, 'nid'))));
  }

  @Get('previous')
  async previous(@NacosParams() params: NacosParamMap): Promise<NacosV2Result<Record<string, unknown>>> {
    const key = configKeyFrom(params, 'namespaceId', 'groupName');
    return nacosSuccess(toNacosHistoryV3(await this.operations.previousVersion(key, versionParam(params, 'id'))));
  }

  @Get('configs')
  configs(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): NacosV2Result<Record<string, unknown>[]> {
    this.expensive.hold(request, reply, 'export');
    return nacosSuccess(this.operations.all(namespaceFromTenant(params.namespaceId)).map(toNacosConfigBasicInfo));
  }
}
