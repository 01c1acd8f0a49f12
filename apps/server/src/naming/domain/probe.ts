import { request } from 'node:http';
import { Socket } from 'node:net';
import type { HealthCheckConfig } from '@switchboard/shared';

export interface ProbeTarget {
  ip: string;
  port: number;
}

// One health probe of a persistent instance: TCP connect, or HTTP GET expecting 2xx (or the
// configured status). Resolves true/false, never rejects; bounded by timeoutMs.
export function probe(target: ProbeTarget, check: HealthCheckConfig, timeoutMs: number): Promise<boolean> {
  const port = check.port ?? target.port;
  if (check.type === 'NONE') return Promise.resolve(true);
  if (check.type === 'TCP') {
    return new Promise((resolve) => {
      const socket = new Socket();
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(timeoutMs, () => done(false));
      socket.once('error', () => done(false));
      socket.connect(port, target.ip, () => done(true));
    });
  }
  return new Promise((resolve) => {
    const req = request({ host: target.ip, port, path: check.path ?? '/', method: 'GET', timeout: timeoutMs, headers: { 'user-agent': 'Switchboard-HealthCheck' } }, (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      resolve(check.expectedStatus !== undefined ? status === check.expectedStatus : status >= 200 && status < 300);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}
