import type { SdkConnectionView } from '@switchboard/shared';

export const connection = (clientIp: string, overrides: Partial<SdkConnectionView> = {}): SdkConnectionView => ({
  connectionId: `1700000000000_${clientIp}_50000`,
  nodeId: '3f2a9c1e-0000-4000-8000-000000000001',
  clientIp,
  remoteAddress: `${clientIp}:50000`,
  clientVersion: 'Nacos-Java-Client:v2.4.0',
  labels: { source: 'sdk', module: 'naming' },
  namespaceId: 'dev',
  connectedAt: '2026-01-01T00:00:00.000Z',
  lastActiveAt: '2026-01-01T00:00:00.000Z',
  subscriptions: [],
  listenedConfigs: [],
  ...overrides,
});
