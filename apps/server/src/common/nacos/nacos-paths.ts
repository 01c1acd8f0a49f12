// Path prefixes of the Nacos-compatible API (Nacos context path /nacos).
export const NACOS_PATHS = {
  v1ConsoleNamespaces: '/nacos/v1/console/namespaces',
  v2ConsoleNamespace: '/nacos/v2/console/namespace',
  // Nacos 3.x: the open API of HTTP clients, and the admin API of the maintainer SDK and tools.
  v3ClientInstance: '/nacos/v3/client/ns/instance',
  v3ClientConfig: '/nacos/v3/client/cs/config',
  v3AdminNaming: '/nacos/v3/admin/ns',
  v3AdminConfig: '/nacos/v3/admin/cs/config',
  v3AdminHistory: '/nacos/v3/admin/cs/history',
  v3AdminNamespace: '/nacos/v3/admin/core/namespace',
  v3AdminCluster: '/nacos/v3/admin/core/cluster',
  v3AdminState: '/nacos/v3/admin/core/state',
} as const;

export const NACOS_V1_PREFIX = '/nacos/v1/';
export const NACOS_V2_PREFIX = '/nacos/v2/';
export const NACOS_V3_PREFIX = '/nacos/v3/';
