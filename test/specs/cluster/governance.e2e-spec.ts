import { AUTH_ENDPOINTS as A, CONFIG_CENTER_ENDPOINTS as C, GOVERNANCE_ENDPOINTS as G, NAMESPACES_ENDPOINTS as N, type ChangeRequestChangedEvent } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { clusterDatabase, twoNodes } from '../../support/cluster';
import { connect, subscribe, type RealtimeSocket } from '../../support/realtime';
import { bearer, createUser, type TestUser } from '../../support/users';
import { eventually } from '../../support/wait';

// Change governance across a cluster: the review policy, change requests and their transitions
// made on one node are known and pushed on the other; an approved request applies once, even
// when both nodes are asked at the same moment.
describe.each(['postgres', 'mysql'] as const)('cluster mode on %s: change requests', (type) => {
  const db = clusterDatabase(type);
  const password = `pw-${uniqueId('admin')}`;
  const env = { ...db.env, AUTH_ENABLED: 'true', AUTH_ADMIN_USERNAME: 'admin', AUTH_ADMIN_PASSWORD: password, AUTH_TOKEN_SECRET: `secret-${uniqueId('s')}-0123456789abcdef`, AUTH_LOGIN_DELAY_MS: '0' };
  const nodes = twoNodes(db, env);
  const namespaceId = uniqueId('crc');
  const key = { namespaceId, group: 'G', dataId: 'app.properties' };
  let admin: Record<string, string>;
  let author: TestUser;
  let reviewer: TestUser;
  let socket: RealtimeSocket | undefined;
  const pushed: ChangeRequestChangedEvent[] = [];

  beforeAll(async () => {
    if (!nodes.first) return;
    const a = nodes.first.baseUrl;
    const login = await call(a, A.login, { body: { username: 'admin', password } });
    admin = bearer(login.body.accessToken);
    await call(a, N.createNamespace, { body: { namespaceId, name: 'prod' }, headers: admin });
    await call(a, C.publishConfig, { params: key, body: { content: 'v=1' }, headers: admin });
    author = await createUser(a, login.body.accessToken, [{ namespaceId, action: 'write' }]);
    reviewer = await createUser(a, login.body.accessToken, [{ namespaceId, action: 'review' }]);
    expect((await call(a, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'required' } }, headers: admin })).status).toBe(200);
  });
  afterAll(() => socket?.close());

  it('should refuse a direct publish on the other node too, and push and apply a request across nodes', async () => {
    const [a, b] = [nodes.first.baseUrl, nodes.second.baseUrl];
    await eventually(async () => expect((await call(b, N.getNamespace, { params: { namespaceId }, headers: admin })).body.reviewPolicy).toEqual({ mode: 'required', minApprovals: 1 }), 10_000);
    expect((await call(b, C.publishConfig, { params: key, body: { content: 'v=2' }, headers: bearer(author.token) })).body.code).toBe('REVIEW_REQUIRED');
    socket = await connect(b, reviewer.token);
    socket.on('change-request.changed', (event) => pushed.push(event));
    expect(await subscribe(socket, { kind: 'change-requests', namespaceId })).toMatchObject({ ok: true });

    const opened = await call(a, G.createChangeRequest, { params: { namespaceId }, body: { title: 'v=3', items: [{ group: 'G', dataId: 'app.properties', action: 'publish', content: 'v=3' }] }, headers: bearer(author.token) });
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    await eventually(() => expect(pushed.map((e) => [e.request.id, e.transition])).toContainEqual([id, 'opened']), 10_000);
    await eventually(async () => expect((await call(b, G.awaitingMyReview, { headers: bearer(reviewer.token) })).body.map((r) => r.id)).toContain(id), 10_000);
    expect((await call(b, G.approveChangeRequest, { params: { namespaceId, id }, body: {}, headers: bearer(reviewer.token) })).body.state).toBe('approved');

    // Both nodes asked to apply at once: one applies, the other is refused; one new version.
    const answers = await Promise.all([a, b].map((node) => eventually(async () => {
      const res = await call(node, G.applyChangeRequest, { params: { namespaceId, id }, body: {}, headers: bearer(author.token) });
      // The node that has not yet learnt of the approval refuses for too few approvals: ask again.
      if (res.status === 409 && /approval/.test(res.body.message)) throw new Error('approval not known yet');
      return res;
    }, 10_000)));
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    await eventually(async () => {
      for (const node of [a, b]) expect((await call(node, C.getConfig, { params: key, headers: admin })).body).toMatchObject({ content: 'v=3', version: 2 });
    }, 10_000);
    await eventually(() => expect(pushed.filter((e) => e.request.id === id).map((e) => e.transition)).toEqual(['opened', 'approved', 'applied']), 10_000);
    expect((await call(b, G.getChangeRequest, { params: { namespaceId, id }, headers: admin })).body).toMatchObject({ state: 'applied', appliedVersions: [{ group: 'G', dataId: 'app.properties', version: 2 }] });
  });
});
