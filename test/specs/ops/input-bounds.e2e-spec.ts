import {
  AUTH_ENDPOINTS as A,
  CONFIG_CENTER_ENDPOINTS as C,
  CONFIG_RULES,
  NAMING_ENDPOINTS as S,
  NAMING_RULES,
  PAGE_RULES,
  REALTIME_RULES,
  buildPath,
  type FieldViolation,
} from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { authHeaders, call, nacosForm, uniqueId } from '../../support/api';
import { connect, subscribe } from '../../support/realtime';

// Every input that drives work is bounded, on every surface; each refusal is a 4xx naming the
// field and the limit (README "Limits").
const baseUrl = inject('baseUrl');
const NS = '/nacos/v1/ns';
const CS = '/nacos/v1/cs';
const publicNs = { namespaceId: 'public' };

function violation(body: { details?: unknown }, field: string): FieldViolation | undefined {
  return (body.details as FieldViolation[] | undefined)?.find((v) => v.field === field);
}

// Metadata within every per-entry rule whose keys and values add up past the total.
const bulkyMetadata = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`key${i}`, 'v'.repeat(NAMING_RULES.metadataValueMaxLength)]));
const tooManyEntries = Object.fromEntries(Array.from({ length: NAMING_RULES.maxMetadataEntries + 1 }, (_, i) => [`k${i}`, 'v']));

describe('bounds on config search', () => {
  const longPattern = `${'a'.repeat(CONFIG_RULES.searchPatternMaxLength)}*`;
  const starry = Array.from({ length: CONFIG_RULES.searchMaxWildcards + 2 }, () => 'a').join('*'); // one "*" too many

  it('should refuse a REST search pattern that is too long or holds too many "*", naming the field and the limit', async () => {
    for (const field of ['dataId', 'group', 'appName'] as const) {
      const long = await call(baseUrl, C.listConfigs, { params: publicNs, query: { mode: 'blur', [field]: longPattern } });
      expect(long.status, field).toBe(400);
      expect(violation(long.body, field)).toMatchObject({ rule: 'maxLength', message: expect.stringContaining(String(CONFIG_RULES.searchPatternMaxLength)) });
      const stars = await call(baseUrl, C.listConfigs, { params: publicNs, query: { mode: 'blur', [field]: starry } });
      expect(stars.status, field).toBe(400);
      expect(violation(stars.body, field)).toMatchObject({ rule: 'maxWildcards', message: expect.stringContaining(String(CONFIG_RULES.searchMaxWildcards)) });
    }
    const atTheLimit = Array.from({ length: CONFIG_RULES.searchMaxWildcards + 1 }, () => 'a').join('*');
    expect((await call(baseUrl, C.listConfigs, { params: publicNs, query: { mode: 'blur', dataId: atTheLimit } })).status).toBe(200);
  });

  it('should refuse more tag filters than a config can carry', async () => {
    const tags = Array.from({ length: CONFIG_RULES.maxTags + 1 }, (_, i) => `t${i}`).join(',');
    const res = await call(baseUrl, C.listConfigs, { params: publicNs, query: { tags } });
    expect(res.status).toBe(400);
    expect(violation(res.body, 'tags')).toMatchObject({ message: expect.stringContaining(`at most ${CONFIG_RULES.maxTags} tags`) });
  });

  it('should refuse the same patterns in a Nacos v1 blur search', async () => {
    const stars = await nacosForm(baseUrl, 'GET', `${CS}/configs`, { search: 'blur', dataId: starry, group: '', pageNo: 1, pageSize: 10 });
    expect(stars.status).toBe(400);
    expect(stars.text).toContain(`dataId: must hold at most ${CONFIG_RULES.searchMaxWildcards} "*"`);
    const long = await nacosForm(baseUrl, 'GET', `${CS}/configs`, { search: 'blur', dataId: '*', group: longPattern, pageNo: 1, pageSize: 10 });
    expect(long.status).toBe(400);
    expect(long.text).toContain(`group: must be at most ${CONFIG_RULES.searchPatternMaxLength} characters`);
    const ok = await nacosForm(baseUrl, 'GET', `${CS}/configs`, { search: 'blur', dataId: '*a*', group: '', pageNo: 1, pageSize: 10 });
    expect(ok.status).toBe(200);
  });
});

describe('bounds on paging', () => {
  const tooFar = PAGE_RULES.maxPageNo + 1;
  const tooBig = PAGE_RULES.maxPageSize + 1;

  it('should refuse a REST pageNo past the limit on every paged list', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: uniqueId('paging') };
    const lists = [
      call(baseUrl, C.listConfigs, { params: publicNs, query: { pageNo: tooFar } }),
      call(baseUrl, C.listVersions, { params: key, query: { pageNo: tooFar } }),
      call(baseUrl, C.listCanaryEvents, { params: key, query: { pageNo: tooFar } }),
      call(baseUrl, S.listServices, { params: publicNs, query: { pageNo: tooFar } }),
      call(baseUrl, A.listAudit, { query: { pageNo: tooFar } }),
      call(baseUrl, A.listAudit, { query: { pageNo: 100_000_000_000_000_000_000 } }),
    ];
    for (const res of await Promise.all(lists)) {
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('pageNo');
      expect(res.body.message).toContain(String(PAGE_RULES.maxPageNo));
    }
  });

  it('should refuse a pageSize or pageNo past the limit on the Nacos config and history lists', async () => {
    const dataId = uniqueId('paging');
    const v1Search = await nacosForm(baseUrl, 'GET', `${CS}/configs`, { search: 'accurate', dataId, group: 'DEFAULT_GROUP', pageNo: 1, pageSize: tooBig });
    expect(v1Search.status).toBe(400);
    expect(v1Search.text).toBe(`pageSize: must be an integer from 1 to ${PAGE_RULES.maxPageSize}`);
    const v1SearchFar = await nacosForm(baseUrl, 'GET', `${CS}/configs`, { search: 'blur', dataId: '*', group: '', pageNo: tooFar, pageSize: 10 });
    expect(v1SearchFar.status).toBe(400);
    expect(v1SearchFar.text).toBe(`pageNo: must be an integer from 1 to ${PAGE_RULES.maxPageNo}`);
    const v1History = await nacosForm(baseUrl, 'GET', `${CS}/history`, { search: 'accurate', dataId, group: 'DEFAULT_GROUP', pageNo: 1, pageSize: tooBig });
    expect(v1History.status).toBe(400);
    expect(v1History.text).toContain(`pageSize: must be an integer from 1 to ${PAGE_RULES.maxPageSize}`);
    const v2History = await nacosForm(baseUrl, 'GET', '/nacos/v2/cs/history/list', { dataId, group: 'DEFAULT_GROUP', pageNo: 1, pageSize: tooBig });
    expect(v2History.status).toBe(400);
    expect(v2History.json()).toMatchObject({ code: 20002, data: expect.stringContaining(`pageSize: must be an integer from 1 to ${PAGE_RULES.maxPageSize}`) });
    // What Nacos clients and consoles send is taken as before.
    expect((await nacosForm(baseUrl, 'GET', `${CS}/configs`, { search: 'blur', dataId: '*', group: '', pageNo: 1, pageSize: PAGE_RULES.maxPageSize })).status).toBe(200);
  });

  it('should refuse a pageSize past the limit on the Nacos catalog, but take any int on the service-name lists', async () => {
    const catalog = await nacosForm(baseUrl, 'GET', `${NS}/catalog/services`, { pageNo: 1, pageSize: tooBig });
    expect(catalog.status).toBe(400);
    expect(catalog.text).toContain(`pageSize: must be an integer from 1 to ${PAGE_RULES.maxPageSize}`);
    const serviceName = uniqueId('bounds');
    expect((await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName, ip: '10.0.0.1', port: 8080, ephemeral: 'false' })).status).toBe(200);
    const instances = await nacosForm(baseUrl, 'GET', `${NS}/catalog/instances`, { serviceName, pageNo: 1, pageSize: tooBig });
    expect(instances.status).toBe(400);
    expect(instances.text).toContain(`pageSize: must be an integer from 1 to ${PAGE_RULES.maxPageSize}`);
    // Spring Cloud Alibaba lists every service with pageSize Integer.MAX_VALUE.
    const all = await nacosForm(baseUrl, 'GET', `${NS}/service/list`, { pageNo: 1, pageSize: 2_147_483_647 });
    expect(all.status).toBe(200);
    expect((all.json() as { doms: string[] }).doms).toContain(serviceName);
    const allV2 = await nacosForm(baseUrl, 'GET', '/nacos/v2/ns/service/list', { pageNo: 1, pageSize: 2_147_483_647 });
    expect(allV2.status).toBe(200);
    const far = await nacosForm(baseUrl, 'GET', `${NS}/service/list`, { pageNo: tooFar, pageSize: 2_147_483_647 });
    expect(far.status).toBe(400);
    expect(far.text).toContain(`pageNo: must be an integer from 1 to ${PAGE_RULES.maxPageNo}`);
    await nacosForm(baseUrl, 'DELETE', `${NS}/instance`, { serviceName, ip: '10.0.0.1', port: 8080, ephemeral: 'false' });
  });

  it('should refuse a REST service search longer than a service name can be', async () => {
    const res = await call(baseUrl, S.listServices, { params: publicNs, query: { serviceName: 'a'.repeat(NAMING_RULES.nameMaxLength + 1) } });
    expect(res.status).toBe(400);
    expect(violation(res.body, 'serviceName')).toMatchObject({ rule: 'maxLength', message: expect.stringContaining(String(NAMING_RULES.nameMaxLength)) });
  });
});

describe('bounds on long polling and discovery filters', () => {
  const WORD = '\u0002';
  const LINE = '\u0001';

  it('should refuse a Listening-Configs request watching more configs than the limit', async () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => `bounds-${i}${WORD}DEFAULT_GROUP${WORD}${LINE}`).join('');
    const tooMany = await nacosForm(baseUrl, 'POST', `${CS}/configs/listener`, { 'Listening-Configs': entries(CONFIG_RULES.maxListeningConfigs + 1) }, { headers: { 'Long-Pulling-Timeout': '30000' } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toBe(`Listening-Configs: must list at most ${CONFIG_RULES.maxListeningConfigs} configs in one request`);
    const longKey = await nacosForm(baseUrl, 'POST', `${CS}/configs/listener`, { 'Listening-Configs': `${'d'.repeat(CONFIG_RULES.dataIdMaxLength + 1)}${WORD}DEFAULT_GROUP${WORD}${LINE}` }, { headers: { 'Long-Pulling-Timeout': '30000' } });
    expect(longKey.status).toBe(400);
    expect(longKey.text).toContain(`each dataId must be at most ${CONFIG_RULES.dataIdMaxLength}`);
  });

  it('should refuse a UDP push port outside 0 to 65535, and stay up when the service changes', async () => {
    const serviceName = uniqueId('udp');
    for (const udpPort of ['65536', '1.5', '-1']) {
      const res = await nacosForm(baseUrl, 'GET', `${NS}/instance/list`, { serviceName, udpPort, clientIP: '127.0.0.1' });
      expect(res.status).toBe(400);
      expect(res.text).toBe('udpPort: must be an integer from 0 to 65535 (0: no UDP push)');
    }
    // A change of the service pushes to its UDP subscribers: none was taken, and the server lives.
    expect((await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName, ip: '127.0.0.9', port: 80, ephemeral: 'false' })).text).toBe('ok');
    expect((await nacosForm(baseUrl, 'DELETE', `${NS}/instance`, { serviceName, ip: '127.0.0.9', port: 80, ephemeral: 'false' })).text).toBe('ok');
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
  });

  it('should refuse more cluster or tag filters in a discovery query than the limits', async () => {
    const serviceName = uniqueId('bounds');
    const clusters = Array.from({ length: NAMING_RULES.maxClustersInQuery + 1 }, (_, i) => `C${i}`).join(',');
    const v1 = await nacosForm(baseUrl, 'GET', `${NS}/instance/list`, { serviceName, clusters });
    expect(v1.status).toBe(400);
    expect(v1.text).toBe(`clusters: must list at most ${NAMING_RULES.maxClustersInQuery} clusters`);
    const v2 = await nacosForm(baseUrl, 'GET', '/nacos/v2/ns/instance/list', { serviceName, clusterName: clusters });
    expect(v2.status).toBe(400);
    const params = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName };
    await call(baseUrl, S.createService, { params: publicNs, body: { serviceName } });
    const rest = await call(baseUrl, S.listInstances, { params, query: { tags: Array.from({ length: NAMING_RULES.maxTags + 1 }, (_, i) => `t${i}`).join(',') } });
    expect(rest.status).toBe(400);
    expect(violation(rest.body, 'tags')).toMatchObject({ rule: 'maxItems', message: `must list at most ${NAMING_RULES.maxTags} tags` });
    await call(baseUrl, S.deleteService, { params });
  });
});

describe('bounds on metadata and tags', () => {
  const service = () => ({ namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('meta') });

  it('should refuse instance metadata past the total size or entry count on REST', async () => {
    const params = service();
    const big = await call(baseUrl, S.registerInstance, { params, body: { ip: '10.0.0.2', port: 80, metadata: bulkyMetadata } });
    expect(big.status).toBe(400);
    expect(violation(big.body, 'metadata')).toMatchObject({ rule: 'maxBytes', message: expect.stringContaining(`at most ${NAMING_RULES.metadataMaxBytes} bytes`) });
    const many = await call(baseUrl, S.registerInstance, { params, body: { ip: '10.0.0.2', port: 80, metadata: tooManyEntries } });
    expect(many.status).toBe(400);
    expect(violation(many.body, 'metadata')).toMatchObject({ rule: 'maxItems', message: expect.stringContaining(`at most ${NAMING_RULES.maxMetadataEntries} entries`) });
    const serviceMeta = await call(baseUrl, S.createService, { params: publicNs, body: { serviceName: params.serviceName, metadata: bulkyMetadata } });
    expect(serviceMeta.status).toBe(400);
    expect(violation(serviceMeta.body, 'metadata')).toMatchObject({ rule: 'maxBytes' });
  });

  it('should refuse the same metadata from Nacos v1 and v2 clients, and a metadata text too long to read', async () => {
    const { serviceName } = service();
    const v1 = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName, ip: '10.0.0.3', port: 80, metadata: JSON.stringify(bulkyMetadata) });
    expect(v1.status).toBe(400);
    expect(v1.text).toContain(`metadata: must be at most ${NAMING_RULES.metadataMaxBytes} bytes`);
    const v1Service = await nacosForm(baseUrl, 'POST', `${NS}/service`, { serviceName, metadata: JSON.stringify(bulkyMetadata) });
    expect(v1Service.status).toBe(400);
    expect(v1Service.text).toContain(`metadata: must be at most ${NAMING_RULES.metadataMaxBytes} bytes`);
    const v2 = await nacosForm(baseUrl, 'POST', '/nacos/v2/ns/instance', { serviceName, ip: '10.0.0.3', port: 80, metadata: JSON.stringify(tooManyEntries) });
    expect(v2.status).toBe(400);
    expect(v2.json()).toMatchObject({ code: 20002, data: expect.stringContaining(`metadata: must have at most ${NAMING_RULES.maxMetadataEntries} entries`) });
    const huge = await nacosForm(baseUrl, 'POST', `${NS}/instance`, { serviceName, ip: '10.0.0.3', port: 80, metadata: `{"a":"${'x'.repeat(8 * NAMING_RULES.metadataMaxBytes)}"}` });
    expect(huge.status).toBe(400);
    expect(huge.text).toBe(`metadata: must be at most ${8 * NAMING_RULES.metadataMaxBytes} characters`);
    const beat = await nacosForm(baseUrl, 'PUT', `${NS}/instance/beat`, { serviceName, beat: `{"ip":"10.0.0.3","port":80,"metadata":{"a":"${'x'.repeat(8 * NAMING_RULES.metadataMaxBytes)}"}}` });
    expect(beat.status).toBe(400);
    expect(beat.text).toBe(`beat: must be at most ${8 * NAMING_RULES.metadataMaxBytes} characters`);
  });

  it('should refuse the same metadata in a socket.io registration', async () => {
    const socket = await connect(baseUrl);
    try {
      const ack = await socket.timeout(10_000).emitWithAck('instance.register', { service: service(), instance: { ip: '10.0.0.4', port: 80, metadata: bulkyMetadata } });
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: [{ field: 'metadata', rule: 'maxBytes' }] } });
    } finally {
      socket.disconnect();
    }
  });

  it('should refuse more config tags than the limit on REST and Nacos publishes', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: uniqueId('tags') };
    const tags = Array.from({ length: CONFIG_RULES.maxTags + 1 }, (_, i) => `t${i}`);
    const rest = await call(baseUrl, C.publishConfig, { params: key, body: { content: 'a=1', tags } });
    expect(rest.status).toBe(400);
    expect(violation(rest.body, 'tags')?.message).toContain(`at most ${CONFIG_RULES.maxTags} tags`);
    const nacos = await nacosForm(baseUrl, 'POST', `${CS}/configs`, { dataId: key.dataId, group: key.group, content: 'a=1', config_tags: tags.join(',') });
    expect(nacos.status).toBe(400);
    expect(nacos.text).toContain(`at most ${CONFIG_RULES.maxTags} tags`);
  });
});

describe('bounds on imports', () => {
  // The parts of a zip the import reads first: central-directory entries and the end record.
  function centralEntry(name: string, size: number): Buffer {
    const nameBytes = Buffer.from(name);
    const entry = Buffer.alloc(46 + nameBytes.length);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8); // UTF-8 name
    entry.writeUInt16LE(8, 10); // deflate
    entry.writeUInt32LE(size, 24); // uncompressed size
    entry.writeUInt16LE(nameBytes.length, 28);
    nameBytes.copy(entry, 46);
    return entry;
  }
  function endRecord(count: number, directorySize: number, directoryOffset: number): Buffer {
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(count, 8);
    end.writeUInt16LE(count, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(directoryOffset, 16);
    return end;
  }
  async function importZip(zip: Buffer): Promise<{ status: number; body: { details?: unknown } }> {
    const res = await fetch(`${baseUrl}${buildPath(C.importConfigs.path, publicNs)}?policy=skip`, { method: 'POST', headers: { ...authHeaders(baseUrl), 'content-type': 'application/zip' }, body: new Uint8Array(zip) });
    return { status: res.status, body: (await res.json()) as { details?: unknown } };
  }

  it('should refuse an archive with more entries than the limit, before reading them', async () => {
    const res = await importZip(endRecord(CONFIG_RULES.importMaxEntries + 1, 0, 0));
    expect(res.status).toBe(400);
    expect(violation(res.body, 'file')).toMatchObject({ rule: 'maxEntries', message: expect.stringContaining(`at most ${CONFIG_RULES.importMaxEntries}`) });
  });

  it('should refuse an archive that expands past the limit, before inflating it', async () => {
    const directory = centralEntry('DEFAULT_GROUP/huge.txt', CONFIG_RULES.importMaxTotalBytes + 1);
    const res = await importZip(Buffer.concat([directory, endRecord(1, directory.length, 0)]));
    expect(res.status).toBe(400);
    expect(violation(res.body, 'file')).toMatchObject({ rule: 'maxSize', message: expect.stringContaining(`more than ${CONFIG_RULES.importMaxTotalBytes} bytes`) });
  });
});

describe('bounds on socket.io subscriptions', () => {
  it('should refuse a subscription past the limit on one connection, and take it again after an unsubscribe', async () => {
    const socket = await connect(baseUrl);
    try {
      const topic = (i: number) => ({ kind: 'config' as const, namespaceId: 'public', group: 'BOUNDS', dataId: `topic-${i}` });
      const acks = await Promise.all(Array.from({ length: REALTIME_RULES.maxTopicsPerConnection }, (_, i) => subscribe(socket, topic(i), 20_000)));
      expect(acks.every((ack) => ack.ok)).toBe(true);
      const refused = await subscribe(socket, topic(REALTIME_RULES.maxTopicsPerConnection));
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining(`at most ${REALTIME_RULES.maxTopicsPerConnection} subscriptions`) } });
      // Subscribing again to a topic already held is no new subscription.
      expect((await subscribe(socket, topic(0))).ok).toBe(true);
      expect(await socket.timeout(5_000).emitWithAck('unsubscribe', topic(0))).toEqual({ ok: true });
      expect((await subscribe(socket, topic(REALTIME_RULES.maxTopicsPerConnection))).ok).toBe(true);
    } finally {
      socket.disconnect();
    }
  });
});
