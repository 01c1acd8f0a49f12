// Maps Nacos console namespace parameters and views to and from the namespaces domain.
// Mirrors Nacos 2.x/3.x `Namespace` {namespace, namespaceShowName, namespaceDesc, quota,
// configCount, type}. Deviations: the default namespace's id is "public" (as Nacos 3.x; 2.x
// showed ""), and invalid input answers a 4xx naming the parameter instead of 200 `false`.
import type { NamespaceEntity } from '../domain/namespace.entity';
import { isBuiltInNamespace } from '../domain/namespace.rules';
import { optionalParam, requiredParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import type { CreateNamespaceCommand, UpdateNamespaceCommand } from '../namespaces.service';

export interface NacosNamespace {
  namespace: string;
  namespaceShowName: string;
  namespaceDesc: string;
  quota: number;
  configCount: number;
  type: number; // 0 = built-in (GLOBAL), 2 = custom, as Nacos 2.x (3.x: 1 = custom)
}

export const V1_FIELD_ALIASES = { namespaceId: 'customNamespaceId', name: 'namespaceName', description: 'namespaceDesc' };
export const V1_UPDATE_FIELD_ALIASES = { namespaceId: 'namespace', name: 'namespaceShowName', description: 'namespaceDesc' };
export const V2_FIELD_ALIASES = { namespaceId: 'namespaceId', name: 'namespaceName', description: 'namespaceDesc' };

export function toNacosNamespace(namespace: NamespaceEntity, configCount: number): NacosNamespace {
  return {
    namespace: namespace.namespaceId,
    namespaceShowName: namespace.name,
    namespaceDesc: namespace.description,
    quota: namespace.configQuota,
    configCount,
    type: isBuiltInNamespace(namespace.namespaceId) ? 0 : 2,
  };
}

// Nacos 3.x numbers the types differently: 0 the built-in namespace, 1 a custom one.
export function toNacosNamespaceV3(namespace: NamespaceEntity, configCount: number): NacosNamespace {
  return { ...toNacosNamespace(namespace, configCount), type: isBuiltInNamespace(namespace.namespaceId) ? 0 : 1 };
}

export function createCommandFromV1(params: NacosParamMap): CreateNamespaceCommand {
  return {
    namespaceId: optionalParam(params, 'customNamespaceId'),
    name: requiredParam(params, 'namespaceName'),
    description: params.namespaceDesc,
  };
}

export function updateCommandFromV1(params: NacosParamMap): { namespaceId: string; command: UpdateNamespaceCommand } {
  return {
    namespaceId: requiredParam(params, 'namespace'),
    command: { name: requiredParam(params, 'namespaceShowName'), description: params.namespaceDesc },
  };
}

export function createCommandFromV2(params: NacosParamMap): CreateNamespaceCommand {
  return {
    namespaceId: optionalParam(params, 'namespaceId'),
    name: requiredParam(params, 'namespaceName'),
    description: params.namespaceDesc,
  };
}

export function updateCommandFromV2(params: NacosParamMap): { namespaceId: string; command: UpdateNamespaceCommand } {
  return {
    namespaceId: requiredParam(params, 'namespaceId'),
    command: { name: requiredParam(params, 'namespaceName'), description: params.namespaceDesc },
  };
}
