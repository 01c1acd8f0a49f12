import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nacosForm } from '../../support/api';
import { removeDir, startServer, type RunningServer } from '../../support/server';

const SERVICES = 100;
const PER_SERVICE = 100;

describe('registry at 10,000 instances', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('should register 10,000 instances across 100 services through the Nacos API and list each service exactly', async () => {
    const jobs: (() => Promise<void>)[] = [];
    for (let s = 0; s < SERVICES; s++) {
      for (let i = 0; i < PER_SERVICE; i++) {
        jobs.push(async () => {
          const res = await nacosForm(server.baseUrl, 'POST', '/nacos/v1/ns/instance', {
            serviceName: `scale-${s}`,
            ip: `10.${s}.${Math.floor(i / 250)}.${i % 250}`,
            port: 8000 + (i % 7),
            weight: 1 + (i % 3),
            metadata: JSON.stringify({ s: String(s), i: String(i) }),
          });
          if (res.text !== 'ok') throw new Error(`register ${s}/${i}: ${res.status} ${res.text}`);
        });
      }
    }
    // 32 requests in flight at a time.
    let next = 0;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }));

    for (let s = 0; s < SERVICES; s++) {
      const res = await nacosForm(server.baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName: `scale-${s}` });
      const hosts = (res.json() as { hosts: { ip: string; port: number; weight: number; metadata: Record<string, string> }[] }).hosts;
      expect(hosts, `scale-${s}`).toHaveLength(PER_SERVICE);
      const seen = new Set(hosts.map((h) => `${h.ip}:${h.port}`));
      expect(seen.size).toBe(PER_SERVICE);
      for (const h of hosts) {
        const i = Number(h.metadata.i);
        expect(h.metadata.s).toBe(String(s));
        expect(h.ip).toBe(`10.${s}.${Math.floor(i / 250)}.${i % 250}`);
        expect(h.port).toBe(8000 + (i % 7));
        expect(h.weight).toBe(1 + (i % 3));
      }
    }
    const metrics = (await nacosForm(server.baseUrl, 'GET', '/nacos/v1/ns/operator/metrics', { onlyStatus: 'false' })).json() as { serviceCount: number; instanceCount: number };
    expect(metrics).toMatchObject({ serviceCount: SERVICES, instanceCount: SERVICES * PER_SERVICE });
  }, 120_000);
});
