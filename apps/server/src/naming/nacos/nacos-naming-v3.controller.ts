// Mirrors Nacos 3.x client open API `/nacos/v3/client/ns/instance` (InstanceOpenApiController),
// for HTTP clients that register and discover without gRPC, in the {code, message, data} envelope;
// namespaceId "" or absent is public:
//   POST         namespaceId, groupName, serviceName*, ip*, port*, clusterName, weight, enabled,
//                healthy, metadata, ephemeral → data "ok"
//   POST ?heartBeat=true  same parameters: a heartbeat → data "ok"; for an instance the server
//                does not know, 200 {code:21003, message:"instance not found", data:null}: register again
//   DELETE       serviceName*, ip*, port*, clusterName → data "ok"
//   GET  /list   serviceName*, groupName, clusterName → data [Instance] (enabled instances only)
// Bad input: 400 {code:10000 (missing) | 20002} naming the parameter; refused access: 403
// {code:10001}. Deviation: deregistering an unknown instance is 404 {code:21003} (Nacos: "ok").
import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { nacosV3Failure } from '../../common/nacos/nacos-error-tables';
import { NACOS_PATHS } from '../../common/nacos/nacos-paths';
import { NacosParams, type NacosParamMap } from '../../common/nacos/nacos-params';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { RequestActor } from '../../auth/request-actor';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../identity/access';
import type { Actor } from '../../identity/actor';
import { NacosNamingOperations } from './nacos-naming.operations';
import { addressFrom, instanceQueryFrom, parseBool, registerCommandFrom, serviceKeyFrom, type NacosServiceInfo } from './nacos-naming.mapper';

const BEAT_OK = 10200;

const OK = nacosSuccess('ok');

@ApiExcludeController()
@NamespaceWrite(fromNacosNamespaceId)
@Controller(NACOS_PATHS.v3ClientInstance)
export class NacosNamingV3Controller {
  constructor(private readonly naming: NacosNamingOperations) {}

  @Post()
  @HttpCode(200)
  async register(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosV2Result<string | null>> {
    const key = serviceKeyFrom(params);
    if (!parseBool(params, 'heartBeat', false)) await this.naming.register(key, registerCommandFrom(params), actor);
    else if (this.naming.lightBeat(key, addressFrom(params)).code !== BEAT_OK) return nacosV3Failure('INSTANCE_NOT_FOUND');
    return OK;
  }

  @Delete()
  async deregister(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosV2Result<string>> {
    await this.naming.deregister(serviceKeyFrom(params), addressFrom(params), actor);
    return OK;
  }

  // The hosts of the ServiceInfo v1 and v2 answer (the same cached bytes).
  @Get('list')
  @NamespaceRead(fromNacosNamespaceId)
  list(@NacosParams() params: NacosParamMap): NacosV2Result<NacosServiceInfo['hosts']> {
    const info = JSON.parse(this.naming.serviceInfo(serviceKeyFrom(params), instanceQueryFrom(params, 'clusterName')).toString('utf8')) as NacosServiceInfo;
    return nacosSuccess(info.hosts);
  }
}
