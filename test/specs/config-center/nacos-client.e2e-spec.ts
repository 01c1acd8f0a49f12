import { NAMESPACES_ENDPOINTS } from '@switchboard/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { nacosConfigClient, type NacosConfigClient } from '../../support/nacos-config-client';
import { eventually } from '../../support/wait';

const baseUrl = inject('baseUrl');

describe('the nacos npm config client against Switchboard', () => {
  const clients: NacosConfigClient[] = [];
  afterAll(() => clients.forEach((c) => c.close()));

  async function client(namespace?: string): Promise<NacosConfigClient> {
    const c = await nacosConfigClient(baseUrl, namespace, { username: inject('adminUsername'), password: inject('adminPassword') });
    clients.push(c);
    return c;
  }

  const multiLine = 'server:\n  port: 8080\n  name: "订单服务 ✓"\nfeatures:\n  - a\n  - b\n';
  const big = Array.from({ length: 2_000 }, (_, i) => `key.${i}=value ${i} ${'x'.repeat(40)} é`).join('\n'); // about 100 KB

  it.each([
    ['the default namespace and group', undefined, 'DEFAULT_GROUP'],
    ['a non-default group', undefined, 'ORDERS'],
    ['a created namespace', 'created', 'DEFAULT_GROUP'],
  ])('should publish, read exactly, push a change and remove in %s', async (_label, namespace, group) => {
    let namespaceId: string | undefined;
    if (namespace) {
      namespaceId = uniqueId('cfgns');
      expect((await call(baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId, name: 'client namespace' } })).status).toBe(201);
    }
    const c = await client(namespaceId);
    const dataId = `${uniqueId('app')}.yaml`;
    expect(await c.publishSingle(dataId, group, multiLine)).toBe(true);
    expect(await c.getConfig(dataId, group)).toBe(multiLine);

    const bigId = `${uniqueId('big')}.properties`;
    await c.publishSingle(bigId, group, big);
    expect(Buffer.byteLength(big)).toBeGreaterThan(100_000);
    expect(await c.getConfig(bigId, group)).toBe(big);

    const seen: string[] = [];
    c.subscribe({ dataId, group }, (content) => seen.push(content));
    await eventually(() => expect(seen).toEqual([multiLine]), 5_000);
    const second = `${multiLine}version: 2\n`;
    await c.publishSingle(dataId, group, second);
    // Delivered by the client's long poll; how fast is the bench's business (config push p99).
    await eventually(() => expect(seen.at(-1)).toBe(second), 10_000);
    c.unSubscribe({ dataId, group });

    expect(await c.remove(dataId, group)).toBe(true);
    expect(await c.getConfig(dataId, group)).toBeNull();
  }, 30_000);
});
