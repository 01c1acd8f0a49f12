// Mirrors Nacos 3.x admin API `/nacos/v3/admin/ns` (ServiceControllerV3, InstanceControllerV3,
// HealthControllerV3), as the maintainer SDK and tools call it, in the {code, message, data}
// envelope; namespaceId "" or absent is public, groupName defaults to DEFAULT_GROUP:
//   POST / PUT /service    serviceName*, groupName, namespaceId, protectThreshold, metadata → data "ok"
//   DELETE /service        serviceName* → data "ok" (refused while instances remain: 409 {code:21009})
//   GET /service           serviceName* → data ServiceDetailInfo (unknown: 404 {code:21008})
//   GET /service/list      groupNameParam, serviceNameParam, ignoreEmptyService, withInstances,
//                          pageNo (1), pageSize (100) → data Page<ServiceView | ServiceDetailInfo>
//   POST / PUT / DELETE /instance  serviceName*, ip*, port*, clusterName, weight, enabled,
//                          healthy, metadata, ephemeral → data "ok"
//   PUT /instance/partial  weight, enabled, metadata (only the given ones) → data "ok"
//   GET /instance          serviceName*, ip*, port*, clusterName → data Instance (unknown: 404 {code:21003})
//   GET /instance/list     serviceName*, clusterName, healthyOnly → data [Instance], disabled ones too
//   PUT /health/instance   serviceName*, ip*, port*, healthy* → data "ok"
// Access: reads need read access to the namespace, changes write access; refused: 403
// {code:10001}. `selector` is accepted and ignored (label selectors are not supported).
import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NACOS_PATHS } from '../../common/nacos/nacos-paths';
import { NacosParams, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { RequestActor } from '../../auth/request-actor';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../identity/access';
import type { Actor } from '../../identity/actor';
import { ServiceCatalogService } from '../service-catalog.service';
import { NacosNamingOperations } from './nacos-naming.operations';
import {
  addressFrom,
  healthCommandFrom,
  nacosHostsOf,
  nacosPageOf,
  parseBool,
  registerCommandFrom,
  serviceKeyFrom,
  serviceListQueryFrom,
  serviceSettingsFrom,
  toNacosServiceDetailInfo,
  toNacosServiceView,
  updateCommandFrom,
  type NacosHost,
} from './nacos-naming.mapper';

type Result<T> = NacosV2Result<T>;

// A change answers "ok" once it is done.
const done = async (change: Promise<unknown>): Promise<Result<string>> => {
  await change;
  return nacosSuccess('ok');
};

@ApiExcludeController()
@NamespaceWrite(fromNacosNamespaceId)
@Controller(NACOS_PATHS.v3AdminNaming)
export class NacosNamingAdminV3Controller {
  constructor(
    private readonly naming: NacosNamingOperations,
    private readonly catalog: ServiceCatalogService,
  ) {}

  @Post('service')
  @HttpCode(200)
  createService(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<Result<string>> {
    return done(this.naming.createService(serviceKeyFrom(params), serviceSettingsFrom(params), actor));
  }

  @Put('service')
  updateService(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<Result<string>> {
    return done(this.naming.updateService(serviceKeyFrom(params), serviceSettingsFrom(params), actor));
  }

  @Delete('service')
  deleteService(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<Result<string>> {
    return done(this.naming.deleteService(serviceKeyFrom(params), actor));
  }

  @Get('service')
  @NamespaceRead(fromNacosNamespaceId)
  service(@NacosParams() params: NacosParamMap): Result<Record<string, unknown>> {
    return nacosSuccess(toNacosServiceDetailInfo(this.naming.service(serviceKeyFrom(params))));
  }

  @Get('service/list')
  @NamespaceRead(fromNacosNamespaceId)
  services(@NacosParams() params: NacosParamMap): Result<Record<string, unknown>> {
    const page = this.catalog.list(serviceListQueryFrom(params));
    return nacosSuccess(parseBool(params, 'withInstances', false) ? nacosPageOf(page, (s) => toNacosServiceDetailInfo(s, true)) : nacosPageOf(page, toNacosServiceView));
  }

  @Post('instance')
  @HttpCode(200)
  register(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<Result<string>> {
    return done(this.naming.register(serviceKeyFrom(params), registerCommandFrom(params), actor));
  }

  @Delete('instance')
  deregister(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<Result<string>> {
    return done(this.naming.deregister(serviceKeyFrom(params), addressFrom(params), actor));
  }

  // Only the attributes given change, for a full update as for a partial one.
  @Put(['instance', 'instance/partial'])
  update(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<Result<string>> {
    return done(this.naming.update(serviceKeyFrom(params), addressFrom(params), updateCommandFrom(params), actor));
  }

  @Get('instance')
  @NamespaceRead(fromNacosNamespaceId)
  instance(@NacosParams() params: NacosParamMap): Result<NacosHost> {
    return nacosSuccess(this.naming.instance(serviceKeyFrom(params), addressFrom(params)));
  }

  @Get('instance/list')
  @NamespaceRead(fromNacosNamespaceId)
  instances(@NacosParams() params: NacosParamMap): Result<NacosHost[]> {
    const state = this.naming.service(serviceKeyFrom(params));
    return nacosSuccess(nacosHostsOf(state, optionalParam(params, 'clusterName'), parseBool(params, 'healthyOnly', false)));
  }

  @Put('health/instance')
  health(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<Result<string>> {
    return done(this.naming.update(serviceKeyFrom(params), addressFrom(params), healthCommandFrom(params), actor));
  }
}
