import type { NamespaceView } from '@switchboard/shared';
import type { NamespaceEntity } from '../domain/namespace.entity';
import { isBuiltInNamespace } from '../domain/namespace.rules';

// The only place a NamespaceView is built; configCount comes from the config center.
export function presentNamespace(namespace: NamespaceEntity, configCount: number): NamespaceView {
  return {
    namespaceId: namespace.namespaceId,
    name: namespace.name,
    description: namespace.description,
    configQuota: namespace.configQuota,
    configCount,
    builtIn: isBuiltInNamespace(namespace.namespaceId),
    reviewPolicy: { mode: namespace.reviewMode, minApprovals: namespace.reviewMinApprovals },
    createdAt: namespace.createdAt.toISOString(),
    updatedAt: namespace.updatedAt.toISOString(),
  };
}
