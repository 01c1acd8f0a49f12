// Mirrors Nacos naming API v1 operator and catalog endpoints used by clients and the console:
//   GET /nacos/v1/ns/operator/metrics  onlyStatus (default true) → {status:"UP"} (+ counts)
//   GET /nacos/v1/ns/catalog/services  pageNo, pageSize, serviceNameParam, groupNameParam,
//       hasIpCount, namespaceId → {count, serviceList:[{name, groupName, clusterCount, ipCount,
//       healthyInstanceCount, triggerFlag}]}
//   GET /nacos/v1/ns/catalog/instances serviceName*, clusterName, pageNo, pageSize → {list, count}
import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NacosParams, optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import { requireValidPage } from '../../common/paging';
import { presentServiceSummary } from '../http/naming.presenter';
import { NamingRegistry } from '../naming-registry';
import { ServiceCatalogService } from '../service-catalog.service';
import { clusterOf, namespaceOf, parseBool, parseNumber, serviceKeyFrom, toNacosHost, type NacosHost } from './nacos-naming.mapper';
import { NacosUdpPushService } from './nacos-udp-push.service';
import { NamespaceRead, Public, fromNacosNamespaceId } from '../../identity/access';

@ApiExcludeController()
@Controller('/nacos/v1/ns')
export class NacosNamingOpsV1Controller {
  constructor(
    private readonly registry: NamingRegistry,
    private readonly catalog: ServiceCatalogService,
    private readonly udpPush: NacosUdpPushService,
  ) {}

  @Get('operator/metrics')
  @Public()
  metrics(@NacosParams() params: NacosParamMap): Record<string, unknown> {
    if (parseBool(params, 'onlyStatus', true)) return { status: 'UP' };
    const counts = this.registry.counts();
    const memory = process.memoryUsage();
    return {
      status: 'UP',
      serviceCount: counts.services,
      instanceCount: counts.instances,
      healthyInstanceCount: counts.healthyInstances,
      subscribeCount: this.udpPush.subscriberCount(),
      load: 0,
      mem: memory.heapUsed / memory.heapTotal,
      cpu: 0,
    };
  }

  @Get('catalog/services')
  @NamespaceRead(fromNacosNamespaceId)
  services(@NacosParams() params: NacosParamMap): { count: number; serviceList: Record<string, unknown>[] } {
    const page = this.catalog.list({
      namespaceId: namespaceOf(params),
      groupName: optionalParam(params, 'groupNameParam'),
      nameContains: optionalParam(params, 'serviceNameParam'),
      hideEmpty: parseBool(params, 'hasIpCount', false),
      pageNo: Math.max(1, parseNumber(params, 'pageNo') ?? 1),
      pageSize: Math.max(1, parseNumber(params, 'pageSize') ?? 20),
    });
    return {
      count: page.total,
      serviceList: page.items.map((state) => {
        const summary = presentServiceSummary(state.service, state.instances.values());
        return {
          name: summary.serviceName,
          groupName: summary.groupName,
          clusterCount: summary.clusterCount,
          ipCount: summary.instanceCount,
          healthyInstanceCount: summary.healthyInstanceCount,
          triggerFlag: String(summary.instanceCount > 0 && summary.healthyInstanceCount / summary.instanceCount <= summary.protectThreshold),
        };
      }),
    };
  }

  @Get('catalog/instances')
  @NamespaceRead(fromNacosNamespaceId)
  instances(@NacosParams() params: NacosParamMap): { list: NacosHost[]; count: number } {
    const key = serviceKeyFrom(params);
    const cluster = optionalParam(params, 'clusterName') ? clusterOf(params) : undefined;
    const state = this.catalog.get(key);
    const all = [...state.instances.values()].filter((i) => !cluster || i.clusterName === cluster);
    const pageNo = Math.max(1, parseNumber(params, 'pageNo') ?? 1);
    const pageSize = Math.max(1, parseNumber(params, 'pageSize') ?? 100);
    requireValidPage(pageNo, pageSize);
    return { list: all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((i) => toNacosHost(key, i)), count: all.length };
  }
}
