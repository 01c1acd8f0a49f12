import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The real `nacos` npm config client, unmodified, with its snapshot cache in a fresh directory
// (so no answer can come from a stale local copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nacos = require('nacos') as { NacosConfigClient: new (options: Record<string, unknown>) => NacosConfigClient };

export interface NacosConfigClient {
  ready(): Promise<void>;
  getConfig(dataId: string, group: string): Promise<string | null>;
  publishSingle(dataId: string, group: string, content: string, options?: { type?: string }): Promise<boolean>;
  remove(dataId: string, group: string): Promise<boolean>;
  subscribe(info: { dataId: string; group: string }, listener: (content: string) => void): void;
  unSubscribe(info: { dataId: string; group: string }, listener?: (content: string) => void): void;
  close(): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

export async function nacosConfigClient(baseUrl: string, namespace?: string, credentials?: { username: string; password: string }): Promise<NacosConfigClient> {
  const client = new nacos.NacosConfigClient({
    serverAddr: new URL(baseUrl).host,
    namespace,
    cacheDir: mkdtempSync(join(tmpdir(), 'nacos-client-cache-')),
    requestTimeout: 5000,
    ...credentials,
  });
  client.on('error', () => undefined);
  await client.ready();
  return client;
}
