// Path prefixes of the Nacos-compatible API (Nacos context path /nacos).
export const NACOS_PATHS = {
  v1ConsoleNamespaces: '/nacos/v1/console/namespaces',
  v2ConsoleNamespace: '/nacos/v2/console/namespace',
} as const;

export const NACOS_V1_PREFIX = '/nacos/v1/';
export const NACOS_V2_PREFIX = '/nacos/v2/';
