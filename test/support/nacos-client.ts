// The real `nacos` npm client, unmodified, with a quiet logger.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nacos = require('nacos') as { NacosNamingClient: new (options: Record<string, unknown>) => NacosNamingClient };

export interface NacosHost {
  ip: string;
  port: number;
  weight: number;
  healthy: boolean;
  enabled: boolean;
  metadata: Record<string, string>;
  clusterName?: string;
}

export interface NacosNamingClient {
  ready(): Promise<void>;
  registerInstance(serviceName: string, instance: Partial<NacosHost> & { ip: string; port: number }, groupName?: string): Promise<void>;
  deregisterInstance(serviceName: string, instance: { ip: string; port: number; clusterName?: string }, groupName?: string): Promise<void>;
  getAllInstances(serviceName: string, groupName?: string, clusters?: string, subscribe?: boolean): Promise<NacosHost[]>;
  selectInstances(serviceName: string, groupName?: string, clusters?: string, healthy?: boolean, subscribe?: boolean): Promise<NacosHost[]>;
  getServerStatus(): Promise<string>;
  subscribe(info: string | { serviceName: string; groupName?: string; clusters?: string }, listener: (hosts: NacosHost[]) => void): void;
  close(): Promise<void>;
}

const quiet = { info() {}, warn() {}, error() {}, debug() {}, log() {} };

export async function nacosNamingClient(baseUrl: string, namespace = 'public', credentials?: { username: string; password: string }): Promise<NacosNamingClient> {
  const client = new nacos.NacosNamingClient({ logger: quiet, serverList: new URL(baseUrl).host, namespace, ...credentials });
  await client.ready();
  return client;
}
