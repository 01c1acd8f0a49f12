import { CONFIG_CENTER_ENDPOINTS as E, NAMESPACES_ENDPOINTS, buildPath, buildQuery, type ConfigView, type ImportReport } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { authHeaders, call, uniqueId } from '../../support/api';

const baseUrl = inject('baseUrl');

async function newNamespace(): Promise<string> {
  const namespaceId = uniqueId('xfer');
  expect((await call(baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId, name: namespaceId } })).status).toBe(201);
  return namespaceId;
}

async function exportZip(namespaceId: string, query: Record<string, string> = {}): Promise<Buffer> {
  const res = await fetch(`${baseUrl}${buildPath(E.exportConfigs.path, { namespaceId })}${buildQuery(query)}`, { headers: authHeaders(baseUrl) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  return Buffer.from(await res.arrayBuffer());
}

async function importZip(namespaceId: string, zip: Buffer, policy: string): Promise<{ status: number; body: ImportReport }> {
  const res = await fetch(`${baseUrl}${buildPath(E.importConfigs.path, { namespaceId })}?policy=${policy}`, { method: 'POST', headers: { ...authHeaders(baseUrl), 'content-type': 'application/zip' }, body: new Uint8Array(zip) });
  return { status: res.status, body: (await res.json()) as ImportReport };
}

const SAMPLE = [
  { group: 'DEFAULT_GROUP', dataId: 'app.yaml', content: 'server:\n  port: 8080\n', type: 'yaml' as const },
  { group: 'DEFAULT_GROUP', dataId: 'flags.json', content: '{"dark": true, "名": "值"}', type: 'json' as const },
  { group: 'PAYMENTS', dataId: 'limits.properties', content: 'max=10\r\nmin=1\r\n', type: 'properties' as const },
  { group: 'PAYMENTS', dataId: 'empty.txt', content: '', type: 'text' as const },
];

describe('config export, import and clone', () => {
  it('should reproduce every config (content, md5, type) when an export is imported into an empty namespace', async () => {
    const source = await newNamespace();
    const originals: ConfigView[] = [];
    for (const c of SAMPLE) {
      const res = await call(baseUrl, E.publishConfig, { params: { namespaceId: source, group: c.group, dataId: c.dataId }, body: { content: c.content, type: c.type, appName: 'shop', description: `about ${c.dataId}` } });
      expect(res.status).toBe(200);
      originals.push(res.body);
    }
    const zip = await exportZip(source);
    const target = await newNamespace();
    const report = await importZip(target, zip, 'abort');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ aborted: false, failed: [], skipped: [], overwritten: [] });
    expect(report.body.created).toHaveLength(SAMPLE.length);
    for (const original of originals) {
      const copy = await call(baseUrl, E.getConfig, { params: { namespaceId: target, group: original.group, dataId: original.dataId } });
      expect(copy.body).toMatchObject({ content: original.content, md5: original.md5, type: original.type, appName: 'shop', description: original.description });
    }
    const selection = await exportZip(source, { group: 'PAYMENTS', dataIds: 'limits.properties' });
    const only = await newNamespace();
    expect((await importZip(only, selection, 'abort')).body.created).toEqual([{ namespaceId: only, group: 'PAYMENTS', dataId: 'limits.properties' }]);
  });

  it('should apply each conflict policy as stated', async () => {
    const source = await newNamespace();
    for (const c of SAMPLE.slice(0, 2)) await call(baseUrl, E.publishConfig, { params: { namespaceId: source, group: c.group, dataId: c.dataId }, body: { content: c.content, type: c.type } });
    const zip = await exportZip(source);
    const target = await newNamespace();
    const existing = { namespaceId: target, group: 'DEFAULT_GROUP', dataId: 'app.yaml' };
    await call(baseUrl, E.publishConfig, { params: existing, body: { content: 'mine: true\n', type: 'yaml' } });

    const aborted = await importZip(target, zip, 'abort');
    expect(aborted.body).toMatchObject({ aborted: true, created: [], overwritten: [] });
    expect((await call(baseUrl, E.getConfig, { params: { ...existing, dataId: 'flags.json' } })).status).toBe(404);

    const skipped = await importZip(target, zip, 'skip');
    expect(skipped.body.skipped).toEqual([existing]);
    expect(skipped.body.created).toEqual([{ ...existing, dataId: 'flags.json' }]);
    expect((await call(baseUrl, E.getConfig, { params: existing })).body.content).toBe('mine: true\n');

    const overwritten = await importZip(target, zip, 'overwrite');
    expect(overwritten.body.overwritten.map((k) => k.dataId).sort()).toEqual(['app.yaml', 'flags.json']);
    expect((await call(baseUrl, E.getConfig, { params: existing })).body.content).toBe(SAMPLE[0].content);
  });

  it('should clone selected configs to another namespace, and refuse a corrupt archive naming the file', async () => {
    const source = await newNamespace();
    const target = await newNamespace();
    for (const c of SAMPLE) await call(baseUrl, E.publishConfig, { params: { namespaceId: source, group: c.group, dataId: c.dataId }, body: { content: c.content, type: c.type } });
    const cloned = await call(baseUrl, E.cloneConfigs, { params: { namespaceId: source }, body: { targetNamespaceId: target, keys: [{ group: 'PAYMENTS', dataId: 'limits.properties' }] } });
    expect(cloned.body.created).toEqual([{ namespaceId: target, group: 'PAYMENTS', dataId: 'limits.properties' }]);
    expect((await call(baseUrl, E.getConfig, { params: { namespaceId: target, group: 'PAYMENTS', dataId: 'limits.properties' } })).body.content).toBe('max=10\r\nmin=1\r\n');
    const corrupt = await importZip(target, Buffer.from('this is not a zip'), 'abort');
    expect(corrupt.status).toBe(400);
    expect((corrupt.body as unknown as { details: { field: string }[] }).details[0].field).toBe('file');
  });
});
