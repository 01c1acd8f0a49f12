import type { NamespaceView } from '@switchboard/shared';
import type { NamespaceEntity } from '../domain/namespace.entity';
import { isBuiltInNamespace } from '../domain/namespace.rules';

// The only place a NamespaceView is built. configCount is 0 until configs can be stored in a
// namespace (the config center fills it in).
export function presentNamespace(namespace: NamespaceEntity): NamespaceView {
  return {
    namespaceId: namespace.namespaceId,
    name: namespace.name,
    description: namespace.description,
    configQuota: namespace.configQuota,
    configCount: 0,
    builtIn: isBuiltInNamespace(namespace.namespaceId),
    createdAt: namespace.createdAt.toISOString(),
    updatedAt: namespace.updatedAt.toISOString(),
  };
}
