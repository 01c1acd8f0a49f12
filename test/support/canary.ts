import { request } from 'node:http';
import { NAMING_ENDPOINTS, type ConfigKey, type ServiceKey } from '@switchboard/shared';
import { call, defaultToken } from './api';

export interface ClientRead {
  status: number;
  content: string;
  isBeta: boolean;
  md5: string;
}

// The loopback address of test client n (127.0.0.2, 127.0.0.3, ...): every address of
// 127.0.0.0/8 reaches the server, so each client has an identity of its own.
export const clientAddress = (n: number) => `127.0.${Math.floor(n / 250)}.${(n % 250) + 2}`;

// A Nacos v1 config GET sent from the given local address (its own connection).
export function readConfigFrom(baseUrl: string, localAddress: string, key: ConfigKey, headers: Record<string, string> = {}): Promise<ClientRead> {
  const query = new URLSearchParams({ dataId: key.dataId, group: key.group, tenant: key.namespaceId === 'public' ? '' : key.namespaceId });
  const token = defaultToken(baseUrl);
  if (token) query.set('accessToken', token);
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/nacos/v1/cs/configs?${query}`, { method: 'GET', agent: false, localAddress, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, content: text, isBeta: res.headers.isbeta === 'true', md5: String(res.headers['content-md5'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

// Keeps an ephemeral instance alive with heartbeats until stopped (re-registering when the
// server no longer knows it, as Nacos clients do).
export function keepAlive(baseUrl: string, service: ServiceKey, instance: { ip: string; port: number; tags?: string[] }, intervalMs = 300): { stop: () => void } {
  const address = { ...service, clusterName: 'DEFAULT', ip: instance.ip, port: instance.port };
  let stopped = false;
  const beat = async () => {
    if (stopped) return;
    const res = await call(baseUrl, NAMING_ENDPOINTS.heartbeat, { params: address }).catch(() => undefined);
    if (!stopped && res && res.status === 404) await call(baseUrl, NAMING_ENDPOINTS.registerInstance, { params: service, body: { ...instance } }).catch(() => undefined);
  };
  const timer = setInterval(() => void beat(), intervalMs);
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
