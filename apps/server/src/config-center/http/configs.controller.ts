import { isIP } from 'node:net';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CONFIG_CENTER_ENDPOINTS as E,
  type ConfigDiffView,
  type ConfigListenerView,
  type ConfigSummaryView,
  type ConfigVersionDetailView,
  type ConfigVersionView,
  type ConfigView,
  type Page,
  type ValidateConfigView,
} from '@switchboard/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { commaList } from '../../common/http/comma-list';
import { ExpensiveRequests } from '../../common/http/expensive-requests';
import { GetConfigQueryDto } from '../canary/http/canary.dto';
import { presentAnswer } from '../canary/http/canary.presenter';
import { ConfigListeners } from '../config-listeners';
import { ConfigPublishService } from '../config-publish.service';
import { ConfigQueryService } from '../config-query.service';
import { presentConfig, presentConfigSummary, presentListener, presentVersion, presentVersionDetail } from './config.presenter';
import { DeleteConfigQueryDto, DiffQueryDto, ListConfigsQueryDto, ListVersionsQueryDto, PublishConfigDto, RollbackConfigDto, ValidateConfigDto } from './dto/config.dto';
import { configKeyOf, type ConfigParams } from './config-params';
import { clientIpOf } from '../../common/http/client-ip';
import { actorOf } from '../../auth/request-actor';
import { NamespaceRead, NamespaceWrite, fromPath } from '../../identity/access';

@ApiTags('configs')
@Controller()
export class ConfigsController {
  constructor(
    private readonly publisher: ConfigPublishService,
    private readonly query: ConfigQueryService,
    private readonly listeners: ConfigListeners,
    private readonly expensive: ExpensiveRequests,
  ) {}

  @Get(E.listConfigs.path)
  @NamespaceRead(fromPath)
  list(
    @Param('namespaceId') namespaceId: string,
    @Query() q: ListConfigsQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Page<ConfigSummaryView> {
    this.expensive.hold(request, reply, 'search');
    const page = this.query.search({ namespaceId, group: q.group, dataId: q.dataId, appName: q.appName, tags: commaList(q.tags), mode: q.mode ?? 'exact', pageNo: q.pageNo ?? 1, pageSize: q.pageSize ?? 20 });
    return { ...page, items: page.items.map(presentConfigSummary) };
  }

  @Get(E.getConfig.path)
  @NamespaceRead(fromPath)
  get(@Param() params: ConfigParams, @Query() q: GetConfigQueryDto, @Req() request: FastifyRequest): ConfigView {
    if (q.asClient === undefined) return presentConfig(this.query.get(configKeyOf(params)));
    const ip = q.asClient === 'self' ? clientIpOf(request) : q.asClient;
    if (isIP(ip) === 0) throw validationFailed([fieldViolation('asClient', 'format', 'must be an IP address or "self"')]);
    return presentAnswer(this.query.answer(configKeyOf(params), { ip, labels: commaList(q.labels) }));
  }

  @Put(E.publishConfig.path)
  @NamespaceWrite(fromPath)
  async publish(@Param() params: ConfigParams, @Body() body: PublishConfigDto, @Req() request: FastifyRequest): Promise<ConfigView> {
    return presentConfig(await this.publisher.publish(configKeyOf(params), body, actorOf(request)));
  }

  @Delete(E.deleteConfig.path)
  @NamespaceWrite(fromPath)
  @HttpCode(204)
  async delete(@Param() params: ConfigParams, @Query() q: DeleteConfigQueryDto, @Req() request: FastifyRequest): Promise<void> {
    await this.publisher.delete(configKeyOf(params), actorOf(request), q.expectedVersion);
  }

  @Get(E.listVersions.path)
  @NamespaceRead(fromPath)
  async versions(@Param() params: ConfigParams, @Query() q: ListVersionsQueryDto): Promise<Page<ConfigVersionView>> {
    const page = await this.query.versions(configKeyOf(params), q.pageNo ?? 1, q.pageSize ?? 20);
    return { ...page, items: page.items.map(presentVersion) };
  }

  @Get(E.getVersion.path)
  @NamespaceRead(fromPath)
  async version(@Param() params: ConfigParams & { version: string }): Promise<ConfigVersionDetailView> {
    const version = Number(params.version);
    if (!Number.isInteger(version) || version < 1) throw validationFailed([fieldViolation('version', 'range', 'must be a positive integer')]);
    return presentVersionDetail(await this.query.version(configKeyOf(params), version));
  }

  @Get(E.diffVersions.path)
  @NamespaceRead(fromPath)
  async diff(@Param() params: ConfigParams, @Query() q: DiffQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConfigDiffView> {
    this.expensive.hold(request, reply, 'diff');
    return { from: q.from, to: q.to, unifiedDiff: await this.query.diff(configKeyOf(params), q.from, q.to) };
  }

  @Post(E.validateConfig.path)
  @NamespaceRead(fromPath)
  @HttpCode(200)
  validate(@Param() params: ConfigParams, @Body() body: ValidateConfigDto): ValidateConfigView {
    const violations = this.publisher.check(configKeyOf(params), body);
    return { valid: violations.length === 0, violations };
  }

  @Post(E.rollbackConfig.path)
  @NamespaceWrite(fromPath)
  @HttpCode(200)
  async rollback(@Param() params: ConfigParams, @Body() body: RollbackConfigDto, @Req() request: FastifyRequest): Promise<ConfigView> {
    return presentConfig(await this.publisher.rollback(configKeyOf(params), body.version, actorOf(request), body.expectedVersion));
  }

  @Get(E.listListeners.path)
  @NamespaceRead(fromPath)
  async listenersOf(@Param() params: ConfigParams): Promise<ConfigListenerView[]> {
    const key = configKeyOf(params);
    const md5 = this.query.find(key)?.md5 ?? '';
    return (await this.listeners.listAcrossCluster(key)).map((entry) => presentListener(entry, md5));
  }
}
