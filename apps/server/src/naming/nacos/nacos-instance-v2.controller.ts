// Mirrors Nacos open API v2 `/nacos/v2/ns/instance` (InstanceControllerV2, 2.2+), answers in the
// {code, message, data} envelope except where Nacos itself answers raw:
//   POST / DELETE / PUT  namespaceId, groupName, serviceName*, ip*, port*, clusterName, weight,
//                        enabled, healthy, metadata, ephemeral                 → data "ok"
//   PATCH                partial update                                          → raw "ok"
//   GET                  serviceName*, ip*, port*, clusterName → data {serviceName, ip, port,
//                        clusterName, weight, healthy, instanceId, metadata}
//   GET  /list           serviceName*, clusterName, healthyOnly               → data ServiceInfo
//   PUT  /beat           serviceName*, beat | ip/port  → raw {clientBeatInterval, code, lightBeatEnabled}
// Errors: 4xx with Nacos codes (21003 instance not found, 21008 service not exist, 20002 ...).
import { Controller, Delete, Get, HttpCode, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { nacosSuccess, nacosSuccessJson, type NacosV2Result } from '../../common/nacos/nacos-result';
import { NacosParams, type NacosParamMap } from '../../common/nacos/nacos-params';
import { RequestActor } from '../../auth/request-actor';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../identity/access';
import type { Actor } from '../../identity/actor';
import { JSON_CONTENT_TYPE } from './nacos-instance-v1.controller';
import { NacosNamingOperations, type NacosBeatAnswer } from './nacos-naming.operations';
import { addressFrom, beatFrom, groupedName, instanceQueryFrom, registerCommandFrom, serviceKeyFrom, updateCommandFrom } from './nacos-naming.mapper';

@ApiExcludeController()
@Controller('/nacos/v2/ns/instance')
export class NacosInstanceV2Controller {
  constructor(private readonly naming: NacosNamingOperations) {}

  @Post()
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async register(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosV2Result<string>> {
    await this.naming.register(serviceKeyFrom(params), registerCommandFrom(params), actor);
    return nacosSuccess('ok');
  }

  @Delete()
  @NamespaceWrite(fromNacosNamespaceId)
  async deregister(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosV2Result<string>> {
    await this.naming.deregister(serviceKeyFrom(params), addressFrom(params), actor);
    return nacosSuccess('ok');
  }

  @Put()
  @NamespaceWrite(fromNacosNamespaceId)
  async update(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosV2Result<string>> {
    await this.naming.update(serviceKeyFrom(params), addressFrom(params), updateCommandFrom(params), actor);
    return nacosSuccess('ok');
  }

  // Nacos answers a partial update raw.
  @Patch()
  @NamespaceWrite(fromNacosNamespaceId)
  async patch(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<string> {
    await this.naming.update(serviceKeyFrom(params), addressFrom(params), updateCommandFrom(params), actor);
    return 'ok';
  }

  @Get()
  @NamespaceRead(fromNacosNamespaceId)
  detail(@NacosParams() params: NacosParamMap): NacosV2Result<Record<string, unknown>> {
    const key = serviceKeyFrom(params);
    const host = this.naming.instance(key, addressFrom(params));
    return nacosSuccess({ serviceName: groupedName(key), ip: host.ip, port: host.port, clusterName: host.clusterName, weight: host.weight, healthy: host.healthy, instanceId: host.instanceId, metadata: host.metadata });
  }

  // data: the ServiceInfo v1 answers (the same cached bytes), without UDP subscription.
  @Get('list')
  @NamespaceRead(fromNacosNamespaceId)
  list(@NacosParams() params: NacosParamMap, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    void reply.type(JSON_CONTENT_TYPE);
    return nacosSuccessJson(this.naming.serviceInfo(serviceKeyFrom(params), instanceQueryFrom(params, 'clusterName')));
  }

  // Same wire answer as v1 (Nacos returns it unwrapped in v2 as well).
  @Put('beat')
  @NamespaceWrite(fromNacosNamespaceId)
  async beat(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosBeatAnswer> {
    return this.naming.beat(serviceKeyFrom(params), beatFrom(params), actor);
  }
}
