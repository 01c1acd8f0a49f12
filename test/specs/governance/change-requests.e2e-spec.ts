import { AUTH_ENDPOINTS as A, CONFIG_CENTER_ENDPOINTS as C, GOVERNANCE_ENDPOINTS as G, NAMESPACES_ENDPOINTS as N, type ChangeRequestChangedEvent } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { connect, subscribe, type RealtimeSocket } from '../../support/realtime';
import { removeDir, startServer, tempDataDir, type RunningServer } from '../../support/server';
import { bearer, createUser, type TestUser } from '../../support/users';
import { eventually } from '../../support/wait';

// Change requests in a protected namespace: open, review (never one's own), apply all configs
// at once, conflicts on a moved base and rebase, reject and withdraw, pushed live and audited.
describe('change requests', () => {
  const baseUrl = inject('baseUrl');
  const admin = bearer(inject('adminToken'));
  const namespaceId = uniqueId('cr');
  let author: TestUser;
  let reviewer1: TestUser;
  let reviewer2: TestUser;
  let directToken: string;
  let socket: RealtimeSocket;
  const pushed: ChangeRequestChangedEvent[] = [];
  const key = (dataId: string) => ({ namespaceId, group: 'G', dataId });
  const ids = (id: string) => ({ namespaceId, id });

  beforeAll(async () => {
    await call(baseUrl, N.createNamespace, { body: { namespaceId, name: 'cr' }, headers: admin });
    author = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'write' }]);
    reviewer1 = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'review' }]);
    reviewer2 = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'review' }]);
    for (const [dataId, content] of [['app.json', '{"a":1}'], ['feature.properties', 'x=1'], ['old.txt', 'bye']]) {
      expect((await call(baseUrl, C.publishConfig, { params: key(dataId), body: { content, type: dataId.endsWith('.json') ? 'json' : undefined }, headers: admin })).status).toBe(200);
    }
    expect((await call(baseUrl, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'required', minApprovals: 2 } }, headers: admin })).status).toBe(200);
    const bot = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'write' }]);
    directToken = (await call(baseUrl, A.createUserAccessToken, { params: { username: bot.username }, body: { name: 'ci', publishDirect: true }, headers: admin })).body.token;
    socket = await connect(baseUrl, author.token);
    socket.on('change-request.changed', (event) => pushed.push(event));
    const ack = await subscribe(socket, { kind: 'change-requests', namespaceId });
    expect(ack).toMatchObject({ ok: true, snapshot: [] });
  });

  afterAll(() => socket?.close());

  it('should need two approvals from others, then apply every config in one step', async () => {
    const opened = await call(baseUrl, G.createChangeRequest, {
      params: { namespaceId },
      body: {
        title: 'release 42',
        description: 'new feature flag, bigger pool, drop old file',
        items: [
          { group: 'G', dataId: 'app.json', action: 'publish', content: '{"a":2}' },
          { group: 'G', dataId: 'new.yaml', action: 'publish', content: 'pool: 20\n', type: 'yaml' },
          { group: 'G', dataId: 'old.txt', action: 'delete' },
        ],
      },
      headers: bearer(author.token),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    expect(opened.body.items.map((i) => [i.dataId, i.action, i.baseVersion])).toEqual([['app.json', 'publish', 1], ['new.yaml', 'publish', 0], ['old.txt', 'delete', 1]]);
    expect(opened.body).toMatchObject({ state: 'open', requiredApprovals: 2, approvals: [] });

    // The author cannot approve their own request; a writer without review cannot approve at all.
    const self = await call(baseUrl, G.approveChangeRequest, { params: ids(id), body: {}, headers: bearer(author.token) });
    expect(self.status).toBe(403);
    expect(self.body.message).toContain('an author cannot approve their own change request');
    // Not yet approved: applying is refused and changes nothing.
    const early = await call(baseUrl, G.applyChangeRequest, { params: ids(id), body: {}, headers: bearer(reviewer1.token) });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('needs 2 approvals before it is applied; it has 0');

    // The reviewer sees it waiting for them; the author does not.
    expect((await call(baseUrl, G.awaitingMyReview, { headers: bearer(reviewer1.token) })).body.map((r) => r.id)).toContain(id);
    expect((await call(baseUrl, G.awaitingMyReview, { headers: bearer(author.token) })).body.map((r) => r.id)).not.toContain(id);

    const first = await call(baseUrl, G.approveChangeRequest, { params: ids(id), body: { comment: 'looks right' }, headers: bearer(reviewer1.token) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'open', approvals: [{ user: reviewer1.username }] });
    expect(first.body.comments).toEqual([expect.objectContaining({ author: reviewer1.username, body: 'looks right' })]);
    expect((await call(baseUrl, G.approveChangeRequest, { params: ids(id), body: {}, headers: bearer(reviewer1.token) })).status).toBe(409);
    expect((await call(baseUrl, G.applyChangeRequest, { params: ids(id), body: {}, headers: bearer(author.token) })).body.message).toContain('it has 1');

    const second = await call(baseUrl, G.approveChangeRequest, { params: ids(id), body: {}, headers: bearer(reviewer2.token) });
    expect(second.body.state).toBe('approved');
    expect(second.body.allowed.apply).toBe(true);

    const applied = await call(baseUrl, G.applyChangeRequest, { params: ids(id), body: {}, headers: bearer(author.token) });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ state: 'applied', closedBy: author.username });
    expect(applied.body.appliedVersions).toEqual([
      { group: 'G', dataId: 'app.json', version: 2 },
      { group: 'G', dataId: 'new.yaml', version: 1 },
      { group: 'G', dataId: 'old.txt', version: 2 },
    ]);
    expect((await call(baseUrl, C.getConfig, { params: key('app.json') })).body).toMatchObject({ content: '{"a":2}', version: 2 });
    expect((await call(baseUrl, C.getConfig, { params: key('new.yaml') })).body).toMatchObject({ content: 'pool: 20\n', type: 'yaml', version: 1 });
    expect((await call(baseUrl, C.getConfig, { params: key('old.txt') })).status).toBe(404);
    // History names the author of the change; the audit trail ties each version to the request.
    const versions = await call(baseUrl, C.listVersions, { params: key('app.json') });
    expect(versions.body.items[0]).toMatchObject({ version: 2, author: author.username });
    await eventually(async () => {
      const audit = await call(baseUrl, A.listAudit, { query: { namespaceId, pageSize: 100 }, headers: admin });
      const rows = audit.body.items.map((e) => [e.action, e.target, e.details.changeRequest ?? null]);
      expect(rows).toEqual(expect.arrayContaining([['config.publish', 'G/app.json', id], ['config.publish', 'G/new.yaml', id], ['config.delete', 'G/old.txt', id], ['change-request.applied', id, null], ['change-request.opened', id, null], ['change-request.approved', id, null], ['change-request.reviewed', id, null]]));
    });
    // Every transition was pushed to the namespace's topic, in order.
    await eventually(() => expect(pushed.filter((e) => e.request.id === id).map((e) => [e.transition, e.request.state])).toEqual([['opened', 'open'], ['reviewed', 'open'], ['approved', 'approved'], ['applied', 'applied']]));
    // Closed requests cannot change any more.
    expect((await call(baseUrl, G.applyChangeRequest, { params: ids(id), body: {}, headers: bearer(author.token) })).body.code).toBe('CHANGE_REQUEST_CONFLICT');
  });

  it('should refuse to apply on a moved base, and apply after a rebase and new approvals', async () => {
    const opened = await call(baseUrl, G.createChangeRequest, {
      params: { namespaceId },
      body: { title: 'flip x', items: [{ group: 'G', dataId: 'feature.properties', action: 'publish', content: 'x=2', baseVersion: 1 }, { group: 'G', dataId: 'app.json', action: 'publish', content: '{"a":3}' }] },
      headers: bearer(author.token),
    });
    const id = opened.body.id;
    for (const reviewer of [reviewer1, reviewer2]) await call(baseUrl, G.approveChangeRequest, { params: ids(id), body: {}, headers: bearer(reviewer.token) });
    // Meanwhile automation publishes feature.properties directly.
    expect((await call(baseUrl, C.publishConfig, { params: key('feature.properties'), body: { content: 'x=5' }, headers: bearer(directToken) })).body.version).toBe(2);

    const stale = await call(baseUrl, G.getChangeRequest, { params: ids(id), headers: bearer(author.token) });
    expect(stale.body.items[0]).toMatchObject({ baseVersion: 1, headVersion: 2, stale: true });
    expect(stale.body.allowed).toMatchObject({ apply: false, rebase: true });
    const refused = await call(baseUrl, G.applyChangeRequest, { params: ids(id), body: {}, headers: bearer(reviewer1.token) });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CHANGE_REQUEST_CONFLICT');
    expect(refused.body.message).toContain('the base version moved for G/feature.properties (base version 1, now 2); rebase the request');
    // Nothing of the request was applied: app.json is untouched too.
    expect((await call(baseUrl, C.getConfig, { params: key('app.json') })).body).toMatchObject({ content: '{"a":2}', version: 2 });

    // Only the author (or an administrator) rebases; approvals are reset and the diff is against the new head.
    expect((await call(baseUrl, G.rebaseChangeRequest, { params: ids(id), body: {}, headers: bearer(reviewer1.token) })).status).toBe(403);
    const rebased = await call(baseUrl, G.rebaseChangeRequest, { params: ids(id), body: {}, headers: bearer(author.token) });
    expect(rebased.body).toMatchObject({ state: 'open', approvals: [] });
    expect(rebased.body.items[0]).toMatchObject({ baseVersion: 2, headVersion: 2, stale: false, baseContent: 'x=5' });
    expect(rebased.body.items[0].unifiedDiff).toMatch(/^-x=5$[\s\S]*^\+x=2$/m);
    for (const reviewer of [reviewer1, reviewer2]) await call(baseUrl, G.approveChangeRequest, { params: ids(id), body: {}, headers: bearer(reviewer.token) });
    const applied = await call(baseUrl, G.applyChangeRequest, { params: ids(id), body: {}, headers: bearer(reviewer2.token) });
    expect(applied.body.state).toBe('applied');
    expect((await call(baseUrl, C.getConfig, { params: key('feature.properties') })).body).toMatchObject({ content: 'x=2', version: 3 });
    expect((await call(baseUrl, C.getConfig, { params: key('app.json') })).body).toMatchObject({ content: '{"a":3}', version: 3 });
  });

  it('should apply nothing of a request when one of its configs cannot be written', async () => {
    const opened = await call(baseUrl, G.createChangeRequest, {
      params: { namespaceId },
      body: { title: 'two at once', items: [{ group: 'G', dataId: 'app.json', action: 'publish', content: '{"a":4}' }, { group: 'G', dataId: 'brand-new.txt', action: 'publish', content: 'n' }] },
      headers: bearer(author.token),
    });
    for (const reviewer of [reviewer1, reviewer2]) await call(baseUrl, G.approveChangeRequest, { params: ids(opened.body.id), body: {}, headers: bearer(reviewer.token) });
    // The namespace is full now: the new config cannot be created, so the update must not happen either.
    const live = (await call(baseUrl, N.getNamespace, { params: { namespaceId } })).body.configCount;
    await call(baseUrl, N.updateNamespace, { params: { namespaceId }, body: { configQuota: live }, headers: admin });
    const refused = await call(baseUrl, G.applyChangeRequest, { params: ids(opened.body.id), body: {}, headers: bearer(author.token) });
    expect(refused.body.code).toBe('CONFIG_QUOTA_EXCEEDED');
    expect((await call(baseUrl, C.getConfig, { params: key('app.json') })).body).toMatchObject({ content: '{"a":3}', version: 3 });
    expect((await call(baseUrl, C.getConfig, { params: key('brand-new.txt') })).status).toBe(404);
    expect((await call(baseUrl, G.getChangeRequest, { params: ids(opened.body.id) })).body.state).toBe('approved');
    // Room again: the same request applies whole.
    await call(baseUrl, N.updateNamespace, { params: { namespaceId }, body: { configQuota: live + 1 }, headers: admin });
    expect((await call(baseUrl, G.applyChangeRequest, { params: ids(opened.body.id), body: {}, headers: bearer(author.token) })).body.appliedVersions).toEqual([
      { group: 'G', dataId: 'app.json', version: 4 },
      { group: 'G', dataId: 'brand-new.txt', version: 1 },
    ]);
  });

  it('should validate a request when it is opened, and let reviewers reject and authors withdraw', async () => {
    const invalid = await call(baseUrl, G.createChangeRequest, {
      params: { namespaceId },
      body: { title: '', items: [{ group: 'G', dataId: 'app.json', action: 'publish', content: '{"a":' }, { group: 'G', dataId: 'app.json', action: 'delete' }, { group: 'G', dataId: 'missing.txt', action: 'delete' }] },
      headers: bearer(author.token),
    });
    expect(invalid.status).toBe(400);
    const fields = invalid.body.details as { field: string; rule: string }[];
    expect(fields.map((v) => `${v.field}:${v.rule}`)).toEqual(expect.arrayContaining(['title:length', 'items[1].dataId:unique']));
    // A reader cannot open one.
    const reader = await createUser(baseUrl, inject('adminToken'), [{ namespaceId, action: 'read' }]);
    expect((await call(baseUrl, G.createChangeRequest, { params: { namespaceId }, body: { title: 't', items: [{ group: 'G', dataId: 'a.txt', action: 'publish', content: 'a' }] }, headers: bearer(reader.token) })).status).toBe(403);
    const badContent = await call(baseUrl, G.createChangeRequest, { params: { namespaceId }, body: { title: 't', items: [{ group: 'G', dataId: 'app.json', action: 'publish', content: '{"a":' }] }, headers: bearer(author.token) });
    expect(badContent.body.details).toEqual([expect.objectContaining({ field: 'items[0].content', line: 1 })]);

    const make = async () => (await call(baseUrl, G.createChangeRequest, { params: { namespaceId }, body: { title: 'try', items: [{ group: 'G', dataId: 'app.json', action: 'publish', content: '{"a":9}' }] }, headers: bearer(author.token) })).body.id;
    const toReject = await make();
    expect((await call(baseUrl, G.rejectChangeRequest, { params: ids(toReject), body: {}, headers: bearer(author.token) })).status).toBe(403);
    const rejected = await call(baseUrl, G.rejectChangeRequest, { params: ids(toReject), body: { comment: 'not now' }, headers: bearer(reviewer1.token) });
    expect(rejected.body).toMatchObject({ state: 'rejected', closedBy: reviewer1.username });
    const toWithdraw = await make();
    expect((await call(baseUrl, G.withdrawChangeRequest, { params: ids(toWithdraw), body: {}, headers: bearer(reviewer1.token) })).status).toBe(403);
    expect((await call(baseUrl, G.withdrawChangeRequest, { params: ids(toWithdraw), body: {}, headers: bearer(author.token) })).body.state).toBe('withdrawn');
    expect((await call(baseUrl, G.approveChangeRequest, { params: ids(toWithdraw), body: {}, headers: bearer(reviewer1.token) })).body.code).toBe('CHANGE_REQUEST_CONFLICT');

    const list = await call(baseUrl, G.listChangeRequests, { params: { namespaceId }, query: { state: 'rejected' }, headers: bearer(reader.token) });
    expect(list.body.items.map((r) => r.id)).toEqual([toReject]);
    expect((await call(baseUrl, G.getChangeRequest, { params: { namespaceId, id: 'nope' }, headers: bearer(reader.token) })).body.code).toBe('CHANGE_REQUEST_NOT_FOUND');
    expect((await call(baseUrl, C.getConfig, { params: key('app.json') })).body.content).toBe('{"a":4}');
  });

  it('should start a canary from an approved request, and let it be promoted', async () => {
    await call(baseUrl, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'required', minApprovals: 1 } }, headers: admin });
    const opened = await call(baseUrl, G.createChangeRequest, {
      params: { namespaceId },
      body: { title: 'canary x=3', items: [{ group: 'G', dataId: 'feature.properties', action: 'canary', content: 'x=3', canary: { target: { ips: ['10.9.9.9'] } } }] },
      headers: bearer(author.token),
    });
    expect(opened.status).toBe(201);
    await call(baseUrl, G.approveChangeRequest, { params: ids(opened.body.id), body: {}, headers: bearer(reviewer1.token) });
    const applied = await call(baseUrl, G.applyChangeRequest, { params: ids(opened.body.id), body: {}, headers: bearer(author.token) });
    expect(applied.body.state).toBe('applied');
    const canary = await call(baseUrl, C.getCanary, { params: key('feature.properties'), headers: bearer(author.token) });
    expect(canary.body).toMatchObject({ target: { ips: ['10.9.9.9'] }, startedBy: author.username });
    // Its candidate was reviewed: promoting needs no second request.
    expect((await call(baseUrl, C.promoteCanary, { params: key('feature.properties'), body: {}, headers: bearer(author.token) })).status).toBe(200);
    expect((await call(baseUrl, C.getConfig, { params: key('feature.properties') })).body).toMatchObject({ content: 'x=3', version: 4 });
  });
});

// Open requests live in memory and in the database: a server killed and started again on the
// same data still lists them, still refuses direct publishes, and applies them.
describe('change requests across a restart', () => {
  const dataDir = tempDataDir('switchboard-cr-');
  const password = 'restart-admin-pw';
  const env = { AUTH_ENABLED: 'true', AUTH_ADMIN_USERNAME: 'admin', AUTH_ADMIN_PASSWORD: password, AUTH_LOGIN_DELAY_MS: '0' };
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    removeDir(dataDir);
  });

  it('should keep an approved request through kill -9 and apply it after', async () => {
    server = await startServer({ dataDir, env });
    const adminToken = (await call(server.baseUrl, A.login, { body: { username: 'admin', password } })).body.accessToken;
    const admin = bearer(adminToken);
    const namespaceId = 'prod';
    const key = { namespaceId, group: 'G', dataId: 'a.properties' };
    await call(server.baseUrl, N.createNamespace, { body: { namespaceId, name: 'prod' }, headers: admin });
    await call(server.baseUrl, C.publishConfig, { params: key, body: { content: 'a=1' }, headers: admin });
    await call(server.baseUrl, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'required', minApprovals: 1 } }, headers: admin });
    const author = await createUser(server.baseUrl, adminToken, [{ namespaceId, action: 'write' }]);
    const reviewer = await createUser(server.baseUrl, adminToken, [{ namespaceId, action: 'review' }]);
    const open = async (title: string) => (await call(server!.baseUrl, G.createChangeRequest, { params: { namespaceId }, body: { title, items: [{ group: 'G', dataId: 'a.properties', action: 'publish', content: `a=${title}` }] }, headers: bearer(author.token) })).body.id;
    const approvedId = await open('2');
    const waitingId = await open('3');
    expect((await call(server.baseUrl, G.approveChangeRequest, { params: { namespaceId, id: approvedId }, body: {}, headers: bearer(reviewer.token) })).body.state).toBe('approved');

    await server.kill();
    server = await startServer({ dataDir, env });
    const login = async (user: TestUser) => bearer((await call(server!.baseUrl, A.login, { body: { username: user.username, password: user.password } })).body.accessToken);
    const asAuthor = await login(author);
    const asReviewer = await login(reviewer);
    expect((await call(server.baseUrl, C.publishConfig, { params: key, body: { content: 'a=9' }, headers: asAuthor })).body.code).toBe('REVIEW_REQUIRED');
    expect((await call(server.baseUrl, G.awaitingMyReview, { headers: asReviewer })).body.map((r) => r.id)).toEqual([waitingId]);
    const applied = await call(server.baseUrl, G.applyChangeRequest, { params: { namespaceId, id: approvedId }, body: {}, headers: asAuthor });
    expect(applied.body).toMatchObject({ state: 'applied', appliedVersions: [{ group: 'G', dataId: 'a.properties', version: 2 }] });
    expect((await call(server.baseUrl, C.getConfig, { params: key, headers: asAuthor })).body.content).toBe('a=2');
    // The other request was made against version 1: it is stale now.
    expect((await call(server.baseUrl, G.getChangeRequest, { params: { namespaceId, id: waitingId }, headers: asAuthor })).body.items[0]).toMatchObject({ baseVersion: 1, headVersion: 2, stale: true });
  }, 60_000);
});
