import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NAMING_ENDPOINTS as E, type HeartbeatView, type InstanceListView, type InstanceView } from '@switchboard/shared';
import { InstanceQueryService } from '../instance-query.service';
import { InstanceRegistrationService } from '../instance-registration.service';
import { ListInstancesQueryDto, RegisterInstanceDto, UpdateInstanceDto } from './dto/naming.dto';
import { commaList, instanceAddressOf, serviceKeyOf } from './naming-params';
import { presentInstance, presentInstanceList } from './naming.presenter';
import { instanceNotFound } from '../domain/naming.errors';
import { NamespaceRead, NamespaceWrite, fromPath } from '../../identity/access';
import { RequestActor } from '../../auth/request-actor';
import type { Actor } from '../../identity/actor';

type ServiceParams = { namespaceId: string; groupName: string; serviceName: string };
type InstanceParams = ServiceParams & { clusterName: string; ip: string; port: string };

@ApiTags('instances')
@Controller()
export class InstancesController {
  constructor(
    private readonly query: InstanceQueryService,
    private readonly registration: InstanceRegistrationService,
  ) {}

  @Get(E.listInstances.path)
  @NamespaceRead(fromPath)
  list(@Param() params: ServiceParams, @Query() q: ListInstancesQueryDto): InstanceListView {
    return presentInstanceList(this.query.list(serviceKeyOf(params), { healthyOnly: q.healthyOnly ?? false, clusters: commaList(q.clusters), tags: commaList(q.tags), includeDisabled: q.includeDisabled ?? false }));
  }

  @Post(E.registerInstance.path)
  @NamespaceWrite(fromPath)
  async register(@Param() params: ServiceParams, @Body() body: RegisterInstanceDto, @RequestActor() caller: Actor): Promise<InstanceView> {
    const key = serviceKeyOf(params);
    return presentInstance(key, await this.registration.register(key, body, caller));
  }

  @Get(E.getInstance.path)
  @NamespaceRead(fromPath)
  get(@Param() params: InstanceParams): InstanceView {
    const key = serviceKeyOf(params);
    return presentInstance(key, this.query.get(key, instanceAddressOf(params)));
  }

  @Patch(E.updateInstance.path)
  @NamespaceWrite(fromPath)
  async update(@Param() params: InstanceParams, @Body() body: UpdateInstanceDto, @RequestActor() caller: Actor): Promise<InstanceView> {
    const key = serviceKeyOf(params);
    return presentInstance(key, await this.registration.update(key, instanceAddressOf(params), body, caller));
  }

  @Delete(E.deregisterInstance.path)
  @NamespaceWrite(fromPath)
  @HttpCode(204)
  async deregister(@Param() params: InstanceParams, @RequestActor() caller: Actor): Promise<void> {
    await this.registration.deregister(serviceKeyOf(params), instanceAddressOf(params), caller);
  }

  @Put(E.heartbeat.path)
  @NamespaceWrite(fromPath)
  heartbeat(@Param() params: InstanceParams): HeartbeatView {
    const key = serviceKeyOf(params);
    const address = instanceAddressOf(params);
    const result = this.registration.beat(key, address);
    if (!result.known) throw instanceNotFound(key, address.clusterName, address.ip, address.port);
    return { clientBeatIntervalMs: result.clientBeatIntervalMs };
  }
}
