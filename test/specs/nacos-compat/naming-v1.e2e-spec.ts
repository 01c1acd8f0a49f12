import { describe, expect, inject, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';

const baseUrl = inject('baseUrl');
const NS = '/nacos/v1/ns';

interface ServiceInfo {
  name: string;
  groupName: string;
  clusters: string;
  cacheMillis: number;
  hosts: { ip: string; port: number; weight: number; healthy: boolean; enabled: boolean; ephemeral: boolean; clusterName: string; serviceName: string; metadata: Record<string, string>; instanceId: string }[];
  reachProtectionThreshold: boolean;
  valid: boolean;
  allIPs: boolean;
  lastRefTime: number;
  checksum: string;
}

async function list(params: Record<string, string>): Promise<ServiceInfo> {
  const res = await nacosForm(baseUrl, 'GET', `${NS}/instance/list`, params);
  expect(res.status).toBe(200);
  return res.json() as ServiceInfo;
}

describe('Nacos v1 naming API', () => {
  it('should register with a form body (group@@service), list as ServiceInfo and deregister', async () => {
    const svc = uniqueId('svc');
    const reg = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: `DEFAULT_GROUP@@${svc}`, groupName: 'DEFAULT_GROUP', ip: '10.1.0.1', port: 8080, weight: 2.5, metadata: '{"zone":"a"}' });
    expect(reg.status).toBe(200);
    expect(reg.text).toBe('ok');
    await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: svc, ip: '10.1.0.2', port: 8080, clusterName: 'EDGE', metadata: 'k=v,x=y' });
    const info = await list({ serviceName: `DEFAULT_GROUP@@${svc}`, clusters: '' });
    expect(info).toMatchObject({ name: `DEFAULT_GROUP@@${svc}`, groupName: 'DEFAULT_GROUP', clusters: '', cacheMillis: 10000, reachProtectionThreshold: false, valid: true, allIPs: false });
    expect(info.hosts).toHaveLength(2);
    expect(info.hosts.find((h) => h.ip === '10.1.0.1')).toMatchObject({
      port: 8080,
      weight: 2.5,
      healthy: true,
      enabled: true,
      ephemeral: true,
      clusterName: 'DEFAULT',
      serviceName: `DEFAULT_GROUP@@${svc}`,
      metadata: { zone: 'a' },
      instanceId: `10.1.0.1#8080#DEFAULT#DEFAULT_GROUP@@${svc}`,
    });
    expect(info.hosts.find((h) => h.ip === '10.1.0.2')?.metadata).toEqual({ k: 'v', x: 'y' });
    expect(info.checksum).toMatch(/^[0-9a-f]{32}$/);
    const edge = await list({ serviceName: svc, clusters: 'EDGE' });
    expect(edge.clusters).toBe('EDGE');
    expect(edge.hosts.map((h) => h.ip)).toEqual(['10.1.0.2']);
    const del = await nacosForm(baseUrl, 'DELETE', `${NS}/instance`, { serviceName: svc, ip: '10.1.0.2', port: 8080, clusterName: 'EDGE' });
    expect(del.text).toBe('ok');
    expect((await list({ serviceName: svc })).hosts.map((h) => h.ip)).toEqual(['10.1.0.1']);
  });

  it('should update weight, enabled and metadata, hide disabled instances and show detail', async () => {
    const svc = uniqueId('svc');
    await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: svc, ip: '10.2.0.1', port: 81 });
    expect((await nacosForm(baseUrl, 'PUT', `${NS}/instance`, { serviceName: svc, ip: '10.2.0.1', port: 81, weight: 7, metadata: '{"v":"2"}' })).text).toBe('ok');
    const detail = (await nacosForm(baseUrl, 'GET', `${NS}/instance`, { serviceName: svc, ip: '10.2.0.1', port: 81 })).json();
    expect(detail).toEqual({ service: `DEFAULT_GROUP@@${svc}`, ip: '10.2.0.1', port: 81, clusterName: 'DEFAULT', weight: 7, healthy: true, instanceId: `10.2.0.1#81#DEFAULT#DEFAULT_GROUP@@${svc}`, metadata: { v: '2' } });
    await nacosForm(baseUrl, 'PATCH', `${NS}/instance`, { serviceName: svc, ip: '10.2.0.1', port: 81, enabled: 'false' });
    expect((await list({ serviceName: svc })).hosts).toEqual([]);
  });

  it('should answer beats: 10200 for known instances, 20404 for unknown ones, and register from beat info', async () => {
    const svc = uniqueId('svc');
    await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: svc, ip: '10.3.0.1', port: 90 });
    const known = await nacosForm(baseUrl, 'PUT', `${NS}/instance/beat`, { serviceName: `DEFAULT_GROUP@@${svc}`, ip: '10.3.0.1', port: 90 });
    expect(known.json()).toEqual({ clientBeatInterval: 5000, code: 10200, lightBeatEnabled: true });
    const unknown = await nacosForm(baseUrl, 'PUT', `${NS}/instance/beat`, { serviceName: `DEFAULT_GROUP@@${svc}`, ip: '10.3.0.9', port: 90 });
    expect(unknown.json()).toMatchObject({ code: 20404 });
    const beat = JSON.stringify({ ip: '10.3.0.2', port: 91, cluster: 'DEFAULT', serviceName: `DEFAULT_GROUP@@${svc}`, weight: 3, metadata: { from: 'beat', 'preserved.heart.beat.interval': '2000' }, scheduled: false });
    const registered = await nacosForm(baseUrl, 'PUT', `${NS}/instance/beat`, { serviceName: `DEFAULT_GROUP@@${svc}`, beat });
    expect(registered.json()).toEqual({ clientBeatInterval: 2000, code: 10200, lightBeatEnabled: true });
    expect((await list({ serviceName: svc })).hosts.find((h) => h.ip === '10.3.0.2')).toMatchObject({ weight: 3, metadata: { from: 'beat' } });
  });

  it('should create, read, update, list and delete services', async () => {
    const svc = uniqueId('svc');
    expect((await nacosForm(baseUrl, 'POST', `${NS}/service`, { serviceName: svc, groupName: 'G1', protectThreshold: 0.5, metadata: '{"team":"a"}' })).text).toBe('ok');
    const dup = await nacosForm(baseUrl, 'POST', `${NS}/service`, { serviceName: svc, groupName: 'G1' });
    expect(dup.status).toBe(409);
    expect((await nacosForm(baseUrl, 'PUT', `${NS}/service`, { serviceName: svc, groupName: 'G1', protectThreshold: 0.8 })).text).toBe('ok');
    const detail = (await nacosForm(baseUrl, 'GET', `${NS}/service`, { serviceName: svc, groupName: 'G1' })).json();
    expect(detail).toMatchObject({ namespaceId: 'public', groupName: 'G1', name: svc, protectThreshold: 0.8, metadata: { team: 'a' }, selector: { type: 'none' } });
    const page = (await nacosForm(baseUrl, 'GET', `${NS}/service/list`, { pageNo: 1, pageSize: 100, groupName: 'G1' })).json() as { count: number; doms: string[] };
    expect(page.doms).toContain(svc);
    expect(page.count).toBeGreaterThanOrEqual(1);
    await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: svc, groupName: 'G1', ip: '10.4.0.1', port: 1 });
    const notEmpty = await nacosForm(baseUrl, 'DELETE', `${NS}/service`, { serviceName: svc, groupName: 'G1' });
    expect(notEmpty.status).toBe(409);
    await nacosForm(baseUrl, 'DELETE', `${NS}/instance`, { serviceName: svc, groupName: 'G1', ip: '10.4.0.1', port: 1 });
    expect((await nacosForm(baseUrl, 'DELETE', `${NS}/service`, { serviceName: svc, groupName: 'G1' })).text).toBe('ok');
    expect((await nacosForm(baseUrl, 'GET', `${NS}/service`, { serviceName: svc, groupName: 'G1' })).status).toBe(404);
  });

  it('should report protection when the healthy share is at or below the threshold, and mark hosts healthy', async () => {
    const svc = uniqueId('svc');
    await nacosForm(baseUrl, 'POST', `${NS}/service`, { serviceName: svc, protectThreshold: 0.6 });
    await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: svc, ip: '10.5.0.1', port: 1 });
    await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: svc, ip: '10.5.0.2', port: 1, healthy: 'false' });
    const info = await list({ serviceName: svc, healthyOnly: 'true' });
    expect(info.reachProtectionThreshold).toBe(true);
    expect(info.hosts.map((h) => [h.ip, h.healthy]).sort()).toEqual([['10.5.0.1', true], ['10.5.0.2', true]]);
  });

  it('should answer metrics and the console catalog', async () => {
    expect((await nacosForm(baseUrl, 'GET', `${NS}/operator/metrics`, {})).json()).toEqual({ status: 'UP' });
    const full = (await nacosForm(baseUrl, 'GET', `${NS}/operator/metrics`, { onlyStatus: 'false' })).json() as Record<string, number>;
    expect(full.serviceCount).toBeGreaterThan(0);
    const svc = uniqueId('cat');
    await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: svc, ip: '10.6.0.1', port: 1 });
    const catalog = (await nacosForm(baseUrl, 'GET', `${NS}/catalog/services`, { pageNo: 1, pageSize: 10, serviceNameParam: svc })).json();
    expect(catalog).toEqual({ count: 1, serviceList: [{ name: svc, groupName: 'DEFAULT_GROUP', clusterCount: 1, ipCount: 1, healthyInstanceCount: 1, triggerFlag: 'false' }] });
  });

  it('should answer an unknown service with an empty, valid list', async () => {
    const info = await list({ serviceName: uniqueId('nobody') });
    expect(info.hosts).toEqual([]);
  });

  it('should answer 400 naming the parameter for missing or invalid input, 404 for unknown ones', async () => {
    const missing = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { ip: '10.0.0.1', port: 1 });
    expect(missing.status).toBe(400);
    expect(missing.text).toBe('serviceName: is required');
    const noIp = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: 'x', port: 1 });
    expect(noIp.text).toBe('ip: is required');
    const badPort = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: 'x', ip: '10.0.0.1', port: 'eighty' });
    expect(badPort.status).toBe(400);
    expect(badPort.text).toMatch(/^port: /);
    const badWeight = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: 'x', ip: '10.0.0.1', port: 1, weight: 10001 });
    expect(badWeight.text).toMatch(/^weight: must be a number from 0 to 10000/);
    const badMeta = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: 'x', ip: '10.0.0.1', port: 1, metadata: '{not json' });
    expect(badMeta.status).toBe(400);
    expect(badMeta.text).toMatch(/^metadata: /);
    const badName = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: 'g@@', ip: '10.0.0.1', port: 1 });
    expect(badName.text).toMatch(/^serviceName: /);
    const unknownInstance = await nacosForm(baseUrl, 'DELETE', `${NS}/instance`, { serviceName: uniqueId('none'), ip: '10.0.0.1', port: 1 });
    expect(unknownInstance.status).toBe(404);
    const unknownNamespace = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: 'x', namespaceId: 'no-such-ns', ip: '10.0.0.1', port: 1 });
    expect(unknownNamespace.status).toBe(404);
  });
});
