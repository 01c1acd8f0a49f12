import { CONFIG_CENTER_ENDPOINTS as C } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { createUser } from '../../support/users';

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
