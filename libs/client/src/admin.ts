import {
  AUTH_ENDPOINTS,
  CLUSTER_ENDPOINTS,
  CONFIG_CENTER_ENDPOINTS,
  CONNECTIONS_ENDPOINTS,
  GOVERNANCE_ENDPOINTS,
  NAMESPACES_ENDPOINTS,
  NAMING_ENDPOINTS,
  OPS_ENDPOINTS,
  OVERVIEW_ENDPOINTS,
  WEBHOOKS_ENDPOINTS,
  type ResponseOf,
} from '@switchboard/shared';
import type { AnyEndpoint, CallArgs, Transport } from './http.js';

// Every /api/v1 endpoint of the wire contract, one call each, by area. The calls are made from the
// descriptors themselves: an endpoint added to libs/shared is here with its types, no code to write.
export const ADMIN_AREAS = {
  namespaces: NAMESPACES_ENDPOINTS,
  configs: CONFIG_CENTER_ENDPOINTS, // configs, history, diff, rollback, export / import, canaries
  naming: NAMING_ENDPOINTS, // services and instances
  auth: AUTH_ENDPOINTS, // users, roles, permissions, access tokens, audit
  cluster: CLUSTER_ENDPOINTS,
  connections: CONNECTIONS_ENDPOINTS,
  overview: OVERVIEW_ENDPOINTS,
  ops: OPS_ENDPOINTS,
  changeRequests: GOVERNANCE_ENDPOINTS, // change requests: open, review, apply
  webhooks: WEBHOOKS_ENDPOINTS,
} as const;

type Areas = typeof ADMIN_AREAS;
export type EndpointCall<E extends AnyEndpoint> = (...args: CallArgs<E>) => Promise<ResponseOf<E>>;
export type Admin = { readonly [A in keyof Areas]: { readonly [K in keyof Areas[A]]: Areas[A][K] extends AnyEndpoint ? EndpointCall<Areas[A][K]> : never } };

export function createAdmin(transport: Transport): Admin {
  const admin: Record<string, Record<string, unknown>> = {};
  for (const [area, endpoints] of Object.entries(ADMIN_AREAS)) {
    const calls: Record<string, unknown> = {};
    for (const [name, endpoint] of Object.entries(endpoints as Record<string, AnyEndpoint>)) {
      calls[name] = (...args: CallArgs<AnyEndpoint>) => transport.call(endpoint, ...args);
    }
    admin[area] = Object.freeze(calls);
  }
  return Object.freeze(admin) as unknown as Admin;
}
