import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { AUTH_ENDPOINTS, CONFIG_CENTER_ENDPOINTS as C } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { bearer, createUser } from '../../support/users';
import { LINE, waitForHeldPolls, WORD } from '../../support/long-poll';
import { eventually } from '../../support/wait';

const baseUrl = inject('baseUrl');

// The hottest Nacos calls (instance list, light beat, config read) are answered before the
// framework once a caller's credentials are verified. A fresh token's first request takes the
// full pipeline (which verifies it); the next ones take the hot path. Both must answer alike.
describe('hot Nacos routes', () => {
  const headersOf = (res: { headers: Headers }) => Object.fromEntries(['content-type', 'config-type', 'content-md5', 'isbeta', 'x-content-type-options', 'content-security-policy', 'cache-control'].map((h) => [h, res.headers.get(h)]));
  const withoutTime = (text: string) => text.replace(/"lastRefTime":\d+/, '"lastRefTime":0');

  it('should answer the instance list, the beat and the config read the same way on both paths', async () => {
    const user = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'write' }]);
    const serviceName = uniqueId('hot');
    const dataId = `${uniqueId('hot')}.json`;
    await nacosForm(baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: '10.40.0.1', port: 80, metadata: '{"zone":"a"}' });
    await call(baseUrl, C.publishConfig, { params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId }, body: { content: '{"pool": "中"}', type: 'json' } });

    const requests: [string, string, Record<string, string>][] = [
      ['GET', '/nacos/v1/ns/instance/list', { serviceName, healthyOnly: 'true' }],
      ['PUT', '/nacos/v1/ns/instance/beat', { serviceName, ip: '10.40.0.1', port: '80' }],
      ['GET', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP' }],
    ];
    for (const credentials of [{ accessToken: user.token }, { username: user.username, password: user.password }]) {
      for (const [method, path, params] of requests) {
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push(await nacosForm(baseUrl, method, path, { ...params, ...credentials }, { inBody: false, anonymous: true }));
        for (const answer of answers) {
          expect(answer.status, `${method} ${path}`).toBe(200);
          expect(headersOf(answer)).toEqual(headersOf(answers[0]));
          expect(withoutTime(answer.text)).toBe(withoutTime(answers[0].text));
        }
      }
    }
    const list = JSON.parse((await nacosForm(baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName, accessToken: user.token })).text);
    expect(list.hosts.map((h: { ip: string; metadata: Record<string, string> }) => [h.ip, h.metadata.zone])).toEqual([['10.40.0.1', 'a']]);
    const read = await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId, group: 'DEFAULT_GROUP', accessToken: user.token });
    expect(read.text).toBe('{"pool": "中"}');
    expect(read.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('should still refuse wrong credentials and missing rights, and answer errors, after credentials were cached', async () => {
    const reader = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'read' }]);
    const serviceName = uniqueId('hot');
    await nacosForm(baseUrl, 'POST', '/nacos/v1/ns/instance', { serviceName, ip: '10.40.0.2', port: 80 });
    const beat = { serviceName, ip: '10.40.0.2', port: '80', accessToken: reader.token };
    expect((await nacosForm(baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName, accessToken: reader.token }, { inBody: false })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await nacosForm(baseUrl, 'PUT', '/nacos/v1/ns/instance/beat', beat, { inBody: false })).status).toBe(403); // read only
    expect((await nacosForm(baseUrl, 'GET', '/nacos/v1/ns/instance/list', { serviceName, accessToken: `${reader.token}x` }, { inBody: false })).status).toBe(403);
    const missing = await nacosForm(baseUrl, 'GET', '/nacos/v1/cs/configs', { dataId: 'no-such-config', group: 'DEFAULT_GROUP', accessToken: reader.token }, { inBody: false });
    expect(missing.status).toBe(404);
    expect((await nacosForm(baseUrl, 'GET', '/nacos/v1/ns/instance/list', { accessToken: reader.token }, { inBody: false })).status).toBe(400);
  });
});

// A publish is a small form: answered on the hot path when sent with a length, by the full
// pipeline when sent in chunks. Both must answer alike, errors included.
describe('hot Nacos publish', () => {
  const url = new URL(baseUrl);
  const post = (form: Record<string, string>, path: string, options: { chunked: boolean; headers?: Record<string, string> }) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
      const body = Buffer.from(new URLSearchParams(form).toString());
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
      if (!options.chunked) headers['content-length'] = String(body.length);
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      // Chunked: two writes without a length make Node send the body in chunks.
      if (options.chunked) req.write(body.subarray(0, 1));
      req.end(options.chunked ? body.subarray(1) : body);
    });
  const shape = (answer: { status: number; headers: Record<string, unknown>; text: string }) => ({
    status: answer.status,
    text: answer.text,
    headers: Object.fromEntries(['content-type', 'x-content-type-options', 'content-security-policy', 'x-frame-options'].map((h) => [h, answer.headers[h]])),
  });
  const both = async (form: Record<string, string>, headers?: Record<string, string>, path = '/nacos/v1/cs/configs') => {
    const full = await post(form, path, { chunked: true, headers });
    const hot = await post(form, path, { chunked: false, headers });
    expect(shape(hot)).toEqual(shape(full));
    return hot;
  };

  it('should publish on both paths with the same answer, the same stored content and the caller as author and audited actor', async () => {
    const writer = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'write' }]);
    const group = 'DEFAULT_GROUP';
    const [viaFull, viaHot] = [`${uniqueId('full')}.json`, `${uniqueId('hot')}.json`];
    const content = '{"a": "中 + 100% & = \'q\' 😀", "b": [1, 2]}';
    const full = await post({ dataId: viaFull, group, content, type: 'json', accessToken: writer.token }, '/nacos/v1/cs/configs', { chunked: true });
    const hot = await post({ dataId: viaHot, group, content, type: 'json', accessToken: writer.token }, '/nacos/v1/cs/configs', { chunked: false });
    expect(shape(hot)).toEqual(shape(full));
    expect(hot.status).toBe(200);
    expect(hot.text).toBe('true');
    expect(hot.headers['x-request-id']).toBeTruthy();
    for (const dataId of [viaFull, viaHot]) {
      const read = await call(baseUrl, C.getConfig, { params: { namespaceId: 'public', group, dataId } });
      expect(read.body).toMatchObject({ content, type: 'json', version: 1 });
      const history = await call(baseUrl, C.listVersions, { params: { namespaceId: 'public', group, dataId } });
      expect(history.body.items.map((v: { author: string }) => v.author)).toEqual([writer.username]);
    }
    // The audit trail is written in the background; its actor comes from the request's context.
    await eventually(async () => {
      const audit = await call(baseUrl, AUTH_ENDPOINTS.listAudit, { query: { actor: writer.username, pageSize: 50 }, headers: bearer(inject('adminToken')) });
      const targets = audit.body.items.filter((e: { action: string }) => e.action === 'config.publish').map((e: { target: string }) => e.target);
      expect(targets.sort()).toEqual([`${group}/${viaFull}`, `${group}/${viaHot}`].sort());
    });
  });

  it('should refuse and reject on both paths alike: credentials, rights, parameters, content and a stale casMd5', async () => {
    const reader = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'read' }]);
    const writer = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'write' }]);
    const dataId = `${uniqueId('hot')}.json`;
    const base = { dataId, group: 'DEFAULT_GROUP', accessToken: writer.token };
    expect((await both({ ...base, content: '{"v": 1}', type: 'json' })).status).toBe(200);
    const cases: [Record<string, string>, number, Record<string, string>?][] = [
      [{ ...base, content: '{"v": 2}', accessToken: '' }, 403], // no credentials
      [{ ...base, content: '{"v": 2}', accessToken: `${writer.token}x` }, 403], // wrong token
      [{ ...base, content: '{"v": 2}', accessToken: reader.token }, 403], // read only
      [{ ...base, content: '{"v": 2}', tenant: 'no-such-namespace' }, 403], // no rights there
      [{ ...base, content: '   ' }, 400],
      [{ ...base, dataId: '', content: '{"v": 2}' }, 400],
      [{ ...base, content: '{"v": ', type: 'json' }, 400],
      [{ ...base, content: '{"v": 2}' }, 409, { casMd5: '0'.repeat(32) }],
      [{ ...base, content: 'bad %zz escape %E4%B8', type: 'text' }, 200], // kept as written, as the full pipeline keeps it
    ];
    for (const [form, status, headers] of cases) expect((await both(form, headers)).status, JSON.stringify(form)).toBe(status);
    const read = await call(baseUrl, C.getConfig, { params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId } });
    expect(read.body).toMatchObject({ content: 'bad %zz escape %E4%B8', version: 4 }); // each success is published twice
  });

  it('should answer long polling on both paths alike, and wake a held request on the hot path', async () => {
    const writer = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'write' }]);
    const dataId = `${uniqueId('hot-poll')}.properties`;
    expect((await both({ dataId, group: 'DEFAULT_GROUP', content: 'a=1', accessToken: writer.token })).status).toBe(200);
    const listening = (md5: string) => `${dataId}${WORD}DEFAULT_GROUP${WORD}${md5}${LINE}`;
    const path = '/nacos/v1/cs/configs/listener';
    const stale = await both({ 'Listening-Configs': listening('0'.repeat(32)), accessToken: writer.token }, { 'Long-Pulling-Timeout': '30000' }, path);
    expect(stale.status).toBe(200);
    expect(decodeURIComponent(stale.text).trim()).toBe(`${dataId}${WORD}DEFAULT_GROUP${LINE}`);
    expect(stale.headers['cache-control']).toBe('no-cache,no-store');
    expect((await both({ 'Listening-Configs': '', accessToken: writer.token }, {}, path)).status).toBe(400);
    expect((await both({ 'Listening-Configs': listening('0'.repeat(32)) }, {}, path)).status).toBe(403);
    expect((await both({ 'Listening-Configs': `${dataId}${WORD}DEFAULT_GROUP${WORD}x${WORD}no-such-namespace${LINE}`, accessToken: writer.token }, {}, path)).status).toBe(403);
    // Held on the hot path, then woken by a publish.
    const md5 = createHash('md5').update('a=1').digest('hex');
    const held = post({ 'Listening-Configs': listening(md5), accessToken: writer.token }, path, { chunked: false, headers: { 'Long-Pulling-Timeout': '30000' } });
    await waitForHeldPolls(baseUrl, 1);
    await post({ dataId, group: 'DEFAULT_GROUP', content: 'a=2', accessToken: writer.token }, '/nacos/v1/cs/configs', { chunked: false });
    const woken = await held;
    expect(woken.status).toBe(200);
    expect(decodeURIComponent(woken.text).trim()).toBe(`${dataId}${WORD}DEFAULT_GROUP${LINE}`);
  });
});
