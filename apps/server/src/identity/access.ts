import { SetMetadata } from '@nestjs/common';
import { DEFAULT_NAMESPACE_ID, type PermissionAction } from '@switchboard/shared';

// Every route declares who may call it; a route without a declaration is refused (deny by
// default), so no surface can be forgotten. The declaration is read by the guard of the full
// pipeline and by the hot routes (accessRequirementOf), so the two cannot disagree.

// The request parameters an access rule reads, whatever the transport: a form or query
// parameter (form first), and a path parameter.
export interface AccessParams {
  param(name: string): string | undefined;
  pathParam(name: string): string | undefined;
}

export type NamespaceSource = (request: AccessParams) => string;

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
export const NamespaceReview = (namespace: NamespaceSource) => SetMetadata(ACCESS_REQUIREMENT, { kind: 'namespace', action: 'review', namespace } satisfies AccessRequirement);
export const NamespaceWrite = (namespace: NamespaceSource) => SetMetadata(ACCESS_REQUIREMENT, { kind: 'namespace', action: 'write', namespace } satisfies AccessRequirement);

// The requirement a route handler declares (on itself, or on its controller class), for a path
// that answers the same route outside the framework.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function accessRequirementOf(controller: Function, method: string): AccessRequirement {
  const handler = (controller.prototype as Record<string, unknown>)[method];
  const requirement = (handler && Reflect.getMetadata(ACCESS_REQUIREMENT, handler)) ?? Reflect.getMetadata(ACCESS_REQUIREMENT, controller);
  if (!requirement) throw new Error(`${controller.name}.${method} declares no access rule`);
  return requirement as AccessRequirement;
}

// Our REST API: the :namespaceId path parameter.
export const fromPath: NamespaceSource = (request) => request.pathParam('namespaceId') ?? '';

// The Nacos API: `namespaceId` (naming, v2) or `tenant` (config v1); empty or absent is public.
export const fromNacosNamespaceId: NamespaceSource = (request) => request.param('namespaceId') || DEFAULT_NAMESPACE_ID;
export const fromNacosTenant: NamespaceSource = (request) => request.param('tenant') || DEFAULT_NAMESPACE_ID;
