// Mirrors Nacos naming API v1 `/nacos/v1/ns/instance` (InstanceController, 1.x/2.x):
//   POST   register  ip*, port*, serviceName*, namespaceId, groupName, clusterName|cluster,
//                    weight, enabled|enable, healthy, ephemeral, metadata            → ok
//   DELETE deregister ip*, port*, serviceName*, clusterName                           → ok
//   PUT / PATCH update weight, enabled, healthy, metadata (only the given ones)       → ok
//   GET    detail    ip*, port*, serviceName*, clusterName → {service, ip, port, clusterName,
//                    weight, healthy, instanceId, metadata}
//   GET    /list     serviceName*, clusters, healthyOnly, udpPort, clientIP → ServiceInfo
//   PUT    /beat     serviceName*, beat (JSON) or ip/port/clusterName
//                    → {clientBeatInterval, code: 10200 | 20404 unknown, lightBeatEnabled}
// Deviations: updating an unknown instance is a 404 (Nacos upserts metadata); errors are 4xx
// plain text naming the parameter. A list query with udpPort subscribes the caller to UDP
// pushes, sent to the address the query came from (not the self-reported clientIP).
// The list and the heartbeat (light, or full of a known instance) are also answered on the hot path (nacos-naming-hot-routes.ts),
// through the same operations.
import { Controller, Delete, Get, HttpCode, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientIpOf } from '../../common/http/client-ip';
import { NacosParams, type NacosParamMap } from '../../common/nacos/nacos-params';
import { RequestActor } from '../../auth/request-actor';
import { NamespaceRead, NamespaceWrite, fromNacosNamespaceId } from '../../identity/access';
import type { Actor } from '../../identity/actor';
import { NacosNamingOperations, type NacosBeatAnswer } from './nacos-naming.operations';
import { addressFrom, beatFrom, groupedName, instanceQueryFrom, registerCommandFrom, serviceKeyFrom, udpSubscriberFrom, updateCommandFrom } from './nacos-naming.mapper';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

@ApiExcludeController()
@Controller('/nacos/v1/ns/instance')
export class NacosInstanceV1Controller {
  constructor(private readonly naming: NacosNamingOperations) {}

  @Post()
  @NamespaceWrite(fromNacosNamespaceId)
  @HttpCode(200)
  async register(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<string> {
    await this.naming.register(serviceKeyFrom(params), registerCommandFrom(params), actor);
    return 'ok';
  }

  @Delete()
  @NamespaceWrite(fromNacosNamespaceId)
  async deregister(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<string> {
    await this.naming.deregister(serviceKeyFrom(params), addressFrom(params), actor);
    return 'ok';
  }

  @Put()
  @NamespaceWrite(fromNacosNamespaceId)
  async update(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<string> {
    await this.naming.update(serviceKeyFrom(params), addressFrom(params), updateCommandFrom(params), actor);
    return 'ok';
  }

  @Patch()
  @NamespaceWrite(fromNacosNamespaceId)
  async patch(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<string> {
    return this.update(params, actor);
  }

  @Get()
  @NamespaceRead(fromNacosNamespaceId)
  detail(@NacosParams() params: NacosParamMap): Record<string, unknown> {
    const key = serviceKeyFrom(params);
    const host = this.naming.instance(key, addressFrom(params));
    return { service: groupedName(key), ip: host.ip, port: host.port, clusterName: host.clusterName, weight: host.weight, healthy: host.healthy, instanceId: host.instanceId, metadata: host.metadata };
  }

  @Get('list')
  @NamespaceRead(fromNacosNamespaceId)
  list(@NacosParams() params: NacosParamMap, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    void reply.type(JSON_CONTENT_TYPE);
    return this.naming.serviceInfo(serviceKeyFrom(params), instanceQueryFrom(params, 'clusters'), udpSubscriberFrom(params, clientIpOf(request)));
  }

  @Put('beat')
  @NamespaceWrite(fromNacosNamespaceId)
  async beat(@NacosParams() params: NacosParamMap, @RequestActor() actor: Actor): Promise<NacosBeatAnswer> {
    return this.naming.beat(serviceKeyFrom(params), beatFrom(params), actor);
  }
}
