import { AUTH_ENDPOINTS as A, CONFIG_CENTER_ENDPOINTS as C, GOVERNANCE_ENDPOINTS as G, NAMESPACES_ENDPOINTS as N } from '@switchboard/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { bearer, createUser, type TestUser } from '../../support/users';
import { eventually } from '../../support/wait';

// A namespace whose review policy is `required`: no way of publishing changes a config directly,
// except a token granted publish-direct; a writer can still open a change request.
describe('review policy', () => {
  const baseUrl = inject('baseUrl');
  const admin = bearer(inject('adminToken'));
  const namespaceId = uniqueId('prot');
  let writer: TestUser;
  const key = (dataId: string) => ({ namespaceId, group: 'G', dataId });

  beforeAll(async () => {
    expect((await call(baseUrl, N.createNamespace, { body: { namespaceId, name: 'protected' }, headers: admin })).status).toBe(201);
    writer = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'write' }]);
  });

  it('should let a writer publish while the policy is off, and only administrators set it', async () => {
    expect((await call(baseUrl, N.getNamespace, { params: { namespaceId } })).body.reviewPolicy).toEqual({ mode: 'off', minApprovals: 1 });
    expect((await call(baseUrl, C.publishConfig, { params: key('app.properties'), body: { content: 'a=1' }, headers: bearer(writer.token) })).status).toBe(200);
    expect((await call(baseUrl, C.publishConfig, { params: key('db.properties'), body: { content: 'url=x' }, headers: bearer(writer.token) })).status).toBe(200);

    const byWriter = await call(baseUrl, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'required' } }, headers: bearer(writer.token) });
    expect(byWriter.status).toBe(403);
    const bad = await call(baseUrl, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'always' as never, minApprovals: 0 } }, headers: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reviewPolicy.mode', rule: 'enum' })]));

    const set = await call(baseUrl, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'required' } }, headers: admin });
    expect(set.status).toBe(200);
    expect(set.body.reviewPolicy).toEqual({ mode: 'required', minApprovals: 1 });
    // The change of policy is audited.
    await eventually(async () => {
      const audit = await call(baseUrl, A.listAudit, { query: { namespaceId, action: 'namespace.updated' }, headers: admin });
      expect(audit.body.items[0]?.details).toMatchObject({ reviewMode: 'required' });
    });
  });

  it('should refuse every direct publish, naming the policy, and change nothing', async () => {
    const asWriter = bearer(writer.token);
    const refused = await call(baseUrl, C.publishConfig, { params: key('app.properties'), body: { content: 'a=2' }, headers: asWriter });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('REVIEW_REQUIRED');
    expect(refused.body.message).toMatch(/namespace ".*" requires review \(review policy: required, 1 approval\); open a change request instead/);
    // Administrators too: four eyes apply to everyone.
    expect((await call(baseUrl, C.publishConfig, { params: key('app.properties'), body: { content: 'a=2' }, headers: admin })).body.code).toBe('REVIEW_REQUIRED');
    expect((await call(baseUrl, C.deleteConfig, { params: key('app.properties'), headers: asWriter })).body.code).toBe('REVIEW_REQUIRED');
    expect((await call(baseUrl, C.rollbackConfig, { params: key('app.properties'), body: { version: 1 }, headers: asWriter })).body.code).toBe('REVIEW_REQUIRED');
    expect((await call(baseUrl, C.startCanary, { params: key('app.properties'), body: { content: 'a=9', target: { ips: ['10.0.0.1'] } }, headers: asWriter })).body.code).toBe('REVIEW_REQUIRED');
    const clone = await call(baseUrl, C.cloneConfigs, { params: { namespaceId: 'public' }, body: { targetNamespaceId: namespaceId, policy: 'overwrite' }, headers: admin });
    expect(clone.body.code).toBe('REVIEW_REQUIRED');

    // Nacos v1: a form publish, a delete and a beta (canary) publish.
    const v1 = await nacosForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { tenant: namespaceId, group: 'G', dataId: 'app.properties', content: 'a=3', accessToken: writer.token });
    expect(v1.status).toBe(403);
    expect(v1.text).toContain('requires review (review policy: required');
    const v1Delete = await nacosForm(baseUrl, 'DELETE', '/nacos/v1/cs/configs', { tenant: namespaceId, group: 'G', dataId: 'app.properties', accessToken: writer.token });
    expect(v1Delete.status).toBe(403);
    const beta = await nacosForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { tenant: namespaceId, group: 'G', dataId: 'app.properties', content: 'a=4', accessToken: writer.token }, { headers: { betaIps: '10.0.0.1' } });
    expect(beta.status).toBe(403);
    // Nacos v2.
    const v2 = await nacosForm(baseUrl, 'POST', '/nacos/v2/cs/config', { namespaceId, group: 'G', dataId: 'app.properties', content: 'a=5', accessToken: writer.token });
    expect(v2.status).toBe(403);
    expect(JSON.stringify(v2.json())).toContain('requires review (review policy: required');

    // Nothing was written by any of them.
    const config = await call(baseUrl, C.getConfig, { params: key('app.properties'), headers: asWriter });
    expect(config.body).toMatchObject({ content: 'a=1', version: 1 });
    expect((await call(baseUrl, C.getCanary, { params: key('app.properties'), headers: asWriter })).status).toBe(404);
  });

  it('should let a token granted publish-direct publish, and show and audit that right', async () => {
    const bot = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'write' }]);
    // Only administrators grant it.
    const self = await call(baseUrl, A.createAccessToken, { body: { name: 'mine', publishDirect: true }, headers: bearer(bot.token) });
    expect(self.status).toBe(403);
    const plain = await call(baseUrl, A.createAccessToken, { body: { name: 'plain' }, headers: bearer(bot.token) });
    expect(plain.body.publishDirect).toBe(false);
    expect((await call(baseUrl, C.publishConfig, { params: key('app.properties'), body: { content: 'a=6' }, headers: bearer(plain.body.token) })).body.code).toBe('REVIEW_REQUIRED');

    const granted = await call(baseUrl, A.createUserAccessToken, { params: { username: bot.username }, body: { name: 'ci pipeline', publishDirect: true }, headers: admin });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ name: 'ci pipeline', publishDirect: true });
    const listed = await call(baseUrl, A.listUserAccessTokens, { params: { username: bot.username }, headers: admin });
    expect(listed.body.map((t) => [t.name, t.publishDirect])).toEqual(expect.arrayContaining([['ci pipeline', true], ['plain', false]]));
    expect((await call(baseUrl, A.listUserAccessTokens, { params: { username: bot.username }, headers: bearer(bot.token) })).status).toBe(403);

    const token = granted.body.token;
    const published = await call(baseUrl, C.publishConfig, { params: key('app.properties'), body: { content: 'a=7' }, headers: bearer(token) });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(2);
    const v1 = await nacosForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { tenant: namespaceId, group: 'G', dataId: 'app.properties', content: 'a=8', accessToken: token });
    expect(v1.text).toBe('true');

    await eventually(async () => {
      const audit = await call(baseUrl, A.listAudit, { query: { namespaceId, action: 'config.publish', actor: bot.username }, headers: admin });
      expect(audit.body.items).toHaveLength(2);
      for (const row of audit.body.items) expect(row.details).toMatchObject({ publishDirect: true });
      const grant = await call(baseUrl, A.listAudit, { query: { action: 'access-token.create', actor: 'admin' }, headers: admin });
      expect(grant.body.items.some((row) => row.details.username === bot.username && row.details.publishDirect === true)).toBe(true);
    });
  });

  it('should still let a writer open a change request, with its diff against the head', async () => {
    const opened = await call(baseUrl, G.createChangeRequest, {
      params: { namespaceId },
      body: { title: 'raise a', items: [{ group: 'G', dataId: 'app.properties', action: 'publish', content: 'a=10' }] },
      headers: bearer(writer.token),
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ state: 'open', author: writer.username, requiredApprovals: 1, configs: ['G/app.properties'] });
    expect(opened.body.items[0]).toMatchObject({ baseVersion: 3, headVersion: 3, stale: false, baseContent: 'a=8', content: 'a=10' });
    expect(opened.body.items[0].unifiedDiff).toMatch(/^-a=8$[\s\S]*^\+a=10$/m);
    expect(opened.body.allowed).toEqual({ approve: false, reject: false, apply: false, withdraw: true, edit: true, rebase: false });
  });
});
