import { SetMetadata } from '@nestjs/common';
import { DEFAULT_NAMESPACE_ID, type PermissionAction } from '@switchboard/shared';
import type { FastifyRequest } from 'fastify';

// Every route declares who may call it; a route without a declaration is refused (deny by
// default), so no surface can be forgotten.
export type NamespaceSource = (request: FastifyRequest) => string;

export type AccessRequirement =
  | { kind: 'public' }
  | { kind: 'authenticated' } // any signed-in user; the handler narrows further if needed
  | { kind: 'admin' }
  | { kind: 'namespace'; action: PermissionAction; namespace: NamespaceSource };

export const ACCESS_REQUIREMENT = 'switchboard:access';

export const Public = () => SetMetadata(ACCESS_REQUIREMENT, { kind: 'public' } satisfies AccessRequirement);
export const Authenticated = () => SetMetadata(ACCESS_REQUIREMENT, { kind: 'authenticated' } satisfies AccessRequirement);
export const AdminOnly = () => SetMetadata(ACCESS_REQUIREMENT, { kind: 'admin' } satisfies AccessRequirement);
export const NamespaceRead = (namespace: NamespaceSource) => SetMetadata(ACCESS_REQUIREMENT, { kind: 'namespace', action: 'read', namespace } satisfies AccessRequirement);
export const NamespaceWrite = (namespace: NamespaceSource) => SetMetadata(ACCESS_REQUIREMENT, { kind: 'namespace', action: 'write', namespace } satisfies AccessRequirement);

function param(request: FastifyRequest, name: string): string | undefined {
  for (const source of [request.body, request.query]) {
    if (source && typeof source === 'object' && name in source) {
      const value = (source as Record<string, unknown>)[name];
      if (typeof value === 'string') return value;
    }
  }
  return undefined;
}

// Our REST API: the :namespaceId path parameter.
export const fromPath: NamespaceSource = (request) => String((request.params as Record<string, string> | undefined)?.namespaceId ?? '');

// The Nacos API: `namespaceId` (naming, v2) or `tenant` (config v1); empty or absent is public.
export const fromNacosNamespaceId: NamespaceSource = (request) => param(request, 'namespaceId') || DEFAULT_NAMESPACE_ID;
export const fromNacosTenant: NamespaceSource = (request) => namespaceOfTenant(param(request, 'tenant'));

// The namespace a Nacos config `tenant` names for the access check (the hot routes check alike).
export function namespaceOfTenant(tenant: string | undefined): string {
  return tenant || DEFAULT_NAMESPACE_ID;
}
