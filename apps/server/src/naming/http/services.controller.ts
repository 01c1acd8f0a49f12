import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DEFAULT_GROUP, NAMING_ENDPOINTS as E, type Page, type ServiceSummaryView, type ServiceView } from '@switchboard/shared';
import { ServiceCatalogService } from '../service-catalog.service';
import { CreateServiceDto, ListServicesQueryDto, UpdateServiceDto } from './dto/naming.dto';
import { serviceKeyOf } from './naming-params';
import { presentService, presentServiceSummary } from './naming.presenter';
import { NamespaceRead, NamespaceWrite, fromPath } from '../../identity/access';
import { RequestActor } from '../../auth/request-actor';
import type { Actor } from '../../identity/actor';

type ServiceParams = { namespaceId: string; groupName: string; serviceName: string };

@ApiTags('services')
@Controller()
export class ServicesController {
  constructor(private readonly catalog: ServiceCatalogService) {}

  @Get(E.listServices.path)
  @NamespaceRead(fromPath)
  list(@Param('namespaceId') namespaceId: string, @Query() query: ListServicesQueryDto): Page<ServiceSummaryView> {
    const page = this.catalog.list({
      namespaceId,
      groupName: query.groupName,
      nameContains: query.serviceName,
      hideEmpty: query.hideEmpty,
      pageNo: query.pageNo ?? 1,
      pageSize: query.pageSize ?? 20,
    });
    return { ...page, items: page.items.map((s) => presentServiceSummary(s.service, s.instances.values())) };
  }

  @Post(E.createService.path)
  @NamespaceWrite(fromPath)
  async create(@Param('namespaceId') namespaceId: string, @Body() body: CreateServiceDto, @RequestActor() caller: Actor): Promise<ServiceView> {
    const key = { namespaceId, groupName: body.groupName ?? DEFAULT_GROUP, serviceName: body.serviceName };
    return presentService(await this.catalog.create(key, body, caller));
  }

  @Get(E.getService.path)
  @NamespaceRead(fromPath)
  get(@Param() params: ServiceParams): ServiceView {
    return presentService(this.catalog.get(serviceKeyOf(params)));
  }

  @Patch(E.updateService.path)
  @NamespaceWrite(fromPath)
  async update(@Param() params: ServiceParams, @Body() body: UpdateServiceDto, @RequestActor() caller: Actor): Promise<ServiceView> {
    return presentService(await this.catalog.update(serviceKeyOf(params), body, caller));
  }

  @Delete(E.deleteService.path)
  @NamespaceWrite(fromPath)
  @HttpCode(204)
  async delete(@Param() params: ServiceParams, @RequestActor() caller: Actor): Promise<void> {
    await this.catalog.delete(serviceKeyOf(params), caller);
  }
}
