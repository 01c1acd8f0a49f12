import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CONFIG_CENTER_ENDPOINTS as E, type CanaryEventView, type CanaryRolloutView, type CanaryView, type ConfigView, type Page } from '@switchboard/shared';
import type { FastifyRequest } from 'fastify';
import { NamespacesService } from '../../../namespaces/namespaces.service';
import { presentConfig } from '../../http/config.presenter';
import { CanaryRolloutService } from '../canary-rollout.service';
import { CanaryWatcher } from '../canary-watcher.service';
import { CanaryService } from '../canary.service';
import type { CanaryRecord } from '../domain/canary-record';
import { presentCanary, presentCanaryEvent } from './canary.presenter';
import { AbortCanaryDto, ListCanaryEventsQueryDto, PromoteCanaryDto, StartCanaryDto, UpdateCanaryDto } from './canary.dto';
import { configKeyOf, type ConfigParams } from '../../http/config-params';
import { NamespaceRead, NamespaceWrite, fromPath } from '../../../identity/access';
import { actorOf } from '../../../auth/request-actor';


@ApiTags('canaries')
@Controller()
export class CanaryController {
  constructor(
    private readonly canaries: CanaryService,
    private readonly watcher: CanaryWatcher,
    private readonly rollout: CanaryRolloutService,
    private readonly namespaces: NamespacesService,
  ) {}

  @Get(E.listCanaries.path)
  @NamespaceRead(fromPath)
  list(@Param('namespaceId') namespaceId: string): CanaryView[] {
    this.namespaces.get(namespaceId);
    return this.canaries.list(namespaceId).map((c) => this.present(c));
  }

  @Get(E.getCanary.path)
  @NamespaceRead(fromPath)
  get(@Param() params: ConfigParams): CanaryView {
    return this.present(this.canaries.get(configKeyOf(params)));
  }

  @Post(E.startCanary.path)
  @NamespaceWrite(fromPath)
  async start(@Param() params: ConfigParams, @Body() body: StartCanaryDto, @Req() request: FastifyRequest): Promise<CanaryView> {
    return this.present(await this.canaries.start(configKeyOf(params), body, actorOf(request)));
  }

  @Patch(E.updateCanary.path)
  @NamespaceWrite(fromPath)
  async update(@Param() params: ConfigParams, @Body() body: UpdateCanaryDto, @Req() request: FastifyRequest): Promise<CanaryView> {
    return this.present(await this.canaries.update(configKeyOf(params), body, actorOf(request)));
  }

  @Post(E.promoteCanary.path)
  @NamespaceWrite(fromPath)
  @HttpCode(200)
  async promote(@Param() params: ConfigParams, @Body() body: PromoteCanaryDto, @Req() request: FastifyRequest): Promise<ConfigView> {
    return presentConfig(await this.canaries.promote(configKeyOf(params), actorOf(request), { expectedRevision: body?.expectedRevision }));
  }

  @Post(E.abortCanary.path)
  @NamespaceWrite(fromPath)
  @HttpCode(200)
  async abort(@Param() params: ConfigParams, @Body() body: AbortCanaryDto, @Req() request: FastifyRequest): Promise<CanaryView> {
    const last = await this.canaries.abort(configKeyOf(params), actorOf(request), body?.reason, body?.expectedRevision);
    return presentCanary(last, null, { status: 'aborted', reason: body?.reason ?? null });
  }

  @Get(E.canaryRollout.path)
  @NamespaceRead(fromPath)
  async rolloutOf(@Param() params: ConfigParams): Promise<CanaryRolloutView> {
    this.namespaces.get(params.namespaceId);
    return this.rollout.viewAcrossCluster(configKeyOf(params));
  }

  @Get(E.listCanaryEvents.path)
  @NamespaceRead(fromPath)
  async events(@Param() params: ConfigParams, @Query() q: ListCanaryEventsQueryDto): Promise<Page<CanaryEventView>> {
    this.namespaces.get(params.namespaceId);
    const page = await this.canaries.history(configKeyOf(params), q.pageNo ?? 1, q.pageSize ?? 20);
    return { ...page, items: page.items.map(presentCanaryEvent) };
  }

  private present(canary: CanaryRecord): CanaryView {
    return presentCanary(canary, this.watcher.guardOf(canary.key));
  }
}
