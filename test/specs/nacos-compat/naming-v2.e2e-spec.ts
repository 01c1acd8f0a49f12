import { describe, expect, inject, it } from 'vitest';
import { nacosForm, uniqueId } from '../../support/api';

const baseUrl = inject('baseUrl');
const NS = '/nacos/v2/ns';

describe('Nacos v2 naming API', () => {
  it('should register, list, get, update and deregister in the {code,message,data} envelope', async () => {
    const svc = uniqueId('v2');
    const reg = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: svc, groupName: 'G2', ip: '10.20.0.1', port: 7000, weight: 4, metadata: '{"a":"1"}' });
    expect(reg.json()).toEqual({ code: 0, message: 'success', data: 'ok' });
    const list = (await nacosForm(baseUrl, 'GET', `${NS}/instance/list`, { serviceName: svc, groupName: 'G2' })).json() as { code: number; data: { name: string; hosts: { ip: string; weight: number }[] } };
    expect(list.code).toBe(0);
    expect(list.data.name).toBe(`G2@@${svc}`);
    expect(list.data.hosts).toEqual([expect.objectContaining({ ip: '10.20.0.1', weight: 4 })]);
    const one = (await nacosForm(baseUrl, 'GET', `${NS}/instance`, { serviceName: svc, groupName: 'G2', ip: '10.20.0.1', port: 7000 })).json();
    expect(one).toEqual({ code: 0, message: 'success', data: { serviceName: `G2@@${svc}`, ip: '10.20.0.1', port: 7000, clusterName: 'DEFAULT', weight: 4, healthy: true, instanceId: `10.20.0.1#7000#DEFAULT#G2@@${svc}`, metadata: { a: '1' } } });
    expect((await nacosForm(baseUrl, 'PUT', `${NS}/instance`, { serviceName: svc, groupName: 'G2', ip: '10.20.0.1', port: 7000, weight: 9 })).json()).toMatchObject({ code: 0, data: 'ok' });
    const beat = (await nacosForm(baseUrl, 'PUT', `${NS}/instance/beat`, { serviceName: `G2@@${svc}`, ip: '10.20.0.1', port: 7000 })).json();
    expect(beat).toEqual({ clientBeatInterval: 5000, code: 10200, lightBeatEnabled: true });
    expect((await nacosForm(baseUrl, 'DELETE', `${NS}/instance`, { serviceName: svc, groupName: 'G2', ip: '10.20.0.1', port: 7000 })).json()).toMatchObject({ code: 0, data: 'ok' });
  });

  it('should manage services and answer Nacos codes for errors', async () => {
    const svc = uniqueId('v2s');
    expect((await nacosForm(baseUrl, 'POST', `${NS}/service`, { serviceName: svc, protectThreshold: 0.3, metadata: '{"o":"x"}' })).json()).toMatchObject({ code: 0, data: 'ok' });
    const dup = await nacosForm(baseUrl, 'POST', `${NS}/service`, { serviceName: svc });
    expect(dup.status).toBe(409);
    expect(dup.json()).toMatchObject({ code: 21007, message: 'service already exist' });
    const detail = (await nacosForm(baseUrl, 'GET', `${NS}/service`, { serviceName: svc })).json() as { data: Record<string, unknown> };
    expect(detail.data).toMatchObject({ namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: svc, protectThreshold: 0.3, metadata: { o: 'x' } });
    const page = (await nacosForm(baseUrl, 'GET', `${NS}/service/list`, { pageNo: 1, pageSize: 1000 })).json() as { data: { count: number; services: string[] } };
    expect(page.data.services).toContain(svc);
    const unknown = await nacosForm(baseUrl, 'GET', `${NS}/service`, { serviceName: uniqueId('none') });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 21008, message: 'service not exist' });
    const missingInstance = await nacosForm(baseUrl, 'GET', `${NS}/instance`, { serviceName: svc, ip: '1.1.1.1', port: 1 });
    expect(missingInstance.status).toBe(404);
    expect(missingInstance.json()).toMatchObject({ code: 21003 });
    const missingParam = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName: svc, port: 1 });
    expect(missingParam.status).toBe(400);
    expect(missingParam.json()).toMatchObject({ code: 20002, data: 'ip: is required' });
    expect((await nacosForm(baseUrl, 'DELETE', `${NS}/service`, { serviceName: svc })).json()).toMatchObject({ code: 0 });
  });
});
