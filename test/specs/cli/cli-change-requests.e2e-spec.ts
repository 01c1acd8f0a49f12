import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { CONFIG_CENTER_ENDPOINTS as C, NAMESPACES_ENDPOINTS as N, type ChangeRequestSummaryView, type ChangeRequestView, type ConfigView } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { cliHome, runCli, startCliServer, type CliHome, type CliServer } from '../../support/cli-run';
import { bearer, createUser, type TestUser } from '../../support/users';

// Change requests from the command line, in a namespace where review is required: a writer's
// publish is refused with a hint, `config put --request-review` and `cr open` propose changes,
// a reviewer approves and applies them, a moved base is refused until the author rebases.
let api: CliServer;
let home: CliHome;
let writer: TestUser;
let reviewer: TestUser;
const namespaceId = uniqueId('cli-cr');

beforeAll(async () => {
  api = await startCliServer();
  home = cliHome();
  const admin = bearer(api.adminToken);
  expect((await call(api.baseUrl, N.createNamespace, { body: { namespaceId, name: 'protected' }, headers: admin })).status).toBe(201);
  for (const [dataId, content] of [['app.yaml', 'pool: 10\n'], ['old.txt', 'bye']]) {
    expect((await call(api.baseUrl, C.publishConfig, { params: { namespaceId, group: 'G', dataId }, body: { content }, headers: admin })).status).toBe(200);
  }
  expect((await call(api.baseUrl, N.updateNamespace, { params: { namespaceId }, body: { reviewPolicy: { mode: 'required' } }, headers: admin })).status).toBe(200);
  writer = await createUser(api.baseUrl, api.adminToken, [{ namespaceId, action: 'write' }]);
  reviewer = await createUser(api.baseUrl, api.adminToken, [{ namespaceId, action: 'review' }]);
});
afterAll(async () => {
  home?.remove();
  await api?.stop();
});

const as = (user: TestUser, args: string[], input?: string, extraEnv: Record<string, string> = {}) =>
  runCli(args, { env: { ...home.env, SWITCHBOARD_URL: api.baseUrl, SWITCHBOARD_TOKEN: user.token, SWITCHBOARD_NAMESPACE: namespaceId, ...extraEnv }, input });
const readConfig = async (dataId: string) => call(api.baseUrl, C.getConfig, { params: { namespaceId, group: 'G', dataId }, headers: bearer(api.adminToken) });
const localFile = (name: string, content: string) => {
  const path = join(home.dir, name);
  writeFileSync(path, content);
  return path;
};
const view = (stdout: string) => JSON.parse(stdout) as ChangeRequestView;

describe('switchboard config put in a namespace where review is required', () => {
  let id: string;

  it('should exit 1 with REVIEW_REQUIRED and a hint, and publish nothing', async () => {
    const result = await as(writer, ['config', 'put', 'G', 'app.yaml', '-'], 'pool: 20\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: REVIEW_REQUIRED: .+/);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('hint: open a change request with --request-review');
    expect(result.stdout).toBe('');
    expect((await readConfig('app.yaml')).body).toMatchObject({ version: 1, content: 'pool: 10\n' });
  });

  it('should open a change request against the current version with --request-review and print its id', async () => {
    const result = await as(writer, ['config', 'put', 'G', 'app.yaml', '-', '--request-review', '--title', 'bigger pool', '-o', 'table'], 'pool: 20\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    id = result.stdout.trim();
    expect(id).toMatch(/^\S+$/);
    expect((await readConfig('app.yaml')).body.version).toBe(1);

    const listed = await as(writer, ['cr', 'ls', '-o', 'json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout) as ChangeRequestSummaryView[]).toEqual([
      expect.objectContaining({ id, title: 'bigger pool', state: 'open', author: writer.username, approvals: [], requiredApprovals: 1, configs: ['G/app.yaml'] }),
    ]);
    const table = await as(writer, ['cr', 'ls', '-o', 'table']);
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['ID', 'TITLE', 'STATE', 'AUTHOR', 'APPROVALS', 'CONFIGS', 'UPDATED']);
    expect(row.split(/\s{2,}/).slice(0, 6)).toEqual([id, 'bigger pool', 'open', writer.username, '0/1', 'G/app.yaml']);
  });

  it('should refuse the author approving their own request with FORBIDDEN', async () => {
    const result = await as(writer, ['cr', 'approve', id]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: FORBIDDEN: .*own change request/);
  });

  it('should list the request as waiting for the reviewer, and not for its author', async () => {
    const waiting = await as(reviewer, ['cr', 'waiting', '-o', 'json']);
    expect(waiting.code).toBe(0);
    expect((JSON.parse(waiting.stdout) as ChangeRequestSummaryView[]).map((r) => [r.namespaceId, r.id])).toEqual([[namespaceId, id]]);
    expect(JSON.parse((await as(writer, ['cr', 'waiting', '-o', 'json'])).stdout)).toEqual([]);
  });

  it('should publish the content once the reviewer approves and applies the request', async () => {
    const approved = await as(reviewer, ['cr', 'approve', id, '--comment', 'fine by me', '-o', 'json']);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(view(approved.stdout)).toMatchObject({ state: 'approved', approvals: [{ user: reviewer.username }] });

    const applied = await as(reviewer, ['cr', 'apply', id, '--expected-revision', String(view(approved.stdout).revision), '-o', 'json']);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);

    const shown = await as(writer, ['cr', 'show', id, '-o', 'json']);
    expect(shown.code).toBe(0);
    expect(view(shown.stdout)).toMatchObject({
      state: 'applied',
      closedBy: reviewer.username,
      appliedVersions: [{ group: 'G', dataId: 'app.yaml', version: 2 }],
      items: [expect.objectContaining({ action: 'publish', baseVersion: 1, content: 'pool: 20\n' })],
      comments: [expect.objectContaining({ author: reviewer.username, body: 'fine by me' })],
    });
    expect((await readConfig('app.yaml')).body as ConfigView).toMatchObject({ version: 2, content: 'pool: 20\n' });
  });

  it('should show the summary, each item with its coloured diff, then the comments on a table', async () => {
    const result = await as(writer, ['cr', 'show', id, '-o', 'table'], undefined, { FORCE_COLOR: '1' });
    expect(result.code).toBe(0);
    const plain = stripVTControlCharacters(result.stdout);
    expect(plain).toMatch(/^state +applied \(by /m);
    expect(plain).toContain('publish G/app.yaml (base version 1');
    expect(result.stdout).toContain('\x1b[31m-pool: 10\x1b[39m');
    expect(result.stdout).toContain('\x1b[32m+pool: 20\x1b[39m');
    expect(plain.indexOf('+pool: 20')).toBeLessThan(plain.indexOf('fine by me'));
  });
});

describe('switchboard cr open, conflict and rebase', () => {
  const open = async (args: string[], input?: string) => {
    const result = await as(writer, ['cr', 'open', ...args, '-o', 'json'], input);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return view(result.stdout);
  };

  it('should refuse to apply a request whose base moved, and apply it after a rebase and a new approval', async () => {
    const first = await open(['--title', 'pool 30', '--publish', 'G/app.yaml=-'], 'pool: 30\n');
    const second = await open(['--title', 'pool 40, drop old', '--description', 'cleanup', '--publish', `G/app.yaml=${localFile('pool40.yaml', 'pool: 40\n')}`, '--delete', 'G/old.txt', '--type', 'yaml']);
    expect(second.items.map((i) => [i.action, i.dataId, i.baseVersion, i.type])).toEqual([['publish', 'app.yaml', 2, 'yaml'], ['delete', 'old.txt', 1, null]]);
    for (const r of [first, second]) expect((await as(reviewer, ['cr', 'approve', r.id])).code).toBe(0);
    expect((await as(reviewer, ['cr', 'apply', first.id])).code).toBe(0);

    const stale = await as(reviewer, ['cr', 'apply', second.id]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^error: CHANGE_REQUEST_CONFLICT: .*G\/app\.yaml/);
    expect((await readConfig('app.yaml')).body).toMatchObject({ version: 3, content: 'pool: 30\n' });
    expect((await readConfig('old.txt')).status).toBe(200);

    const rebased = await as(writer, ['cr', 'rebase', second.id, '-o', 'json']);
    expect(rebased.code).toBe(0);
    expect(view(rebased.stdout)).toMatchObject({ state: 'open', approvals: [] });
    expect(view(rebased.stdout).items.map((i) => [i.baseVersion, i.stale])).toEqual([[3, false], [1, false]]);
    expect((await as(reviewer, ['cr', 'approve', second.id])).code).toBe(0);
    const applied = await as(reviewer, ['cr', 'apply', second.id, '-o', 'json']);
    expect(applied.code).toBe(0);
    expect(view(applied.stdout).state).toBe('applied');
    expect((await readConfig('app.yaml')).body).toMatchObject({ version: 4, content: 'pool: 40\n', type: 'yaml' });
    expect((await readConfig('old.txt')).status).toBe(404);
  });

  it('should take comments, a rejection and a withdrawal, and filter the list by state and author', async () => {
    const rejected = await open(['--title', 'too big', '--publish', 'G/app.yaml=-'], 'pool: 4000\n');
    const withdrawn = await open(['--title', 'never mind', '--publish', 'G/new.txt=-'], 'hello');
    const commented = await as(reviewer, ['cr', 'comment', rejected.id, 'far too many connections', '-o', 'json']);
    expect(commented.code).toBe(0);
    expect(view(commented.stdout).comments).toEqual([expect.objectContaining({ author: reviewer.username, body: 'far too many connections' })]);
    expect((await as(reviewer, ['cr', 'reject', rejected.id])).code).toBe(0);
    expect((await as(reviewer, ['cr', 'withdraw', withdrawn.id])).code).toBe(1);
    expect((await as(writer, ['cr', 'withdraw', withdrawn.id, '--comment', 'not needed'])).code).toBe(0);

    const ids = async (args: string[]) => (JSON.parse((await as(writer, ['cr', 'ls', ...args, '-o', 'json'])).stdout) as ChangeRequestSummaryView[]).map((r) => r.id);
    expect(await ids(['--state', 'rejected'])).toEqual([rejected.id]);
    expect(await ids(['--state', 'withdrawn'])).toEqual([withdrawn.id]);
    expect(await ids(['--state', 'applied', '--author', writer.username])).toHaveLength(3);
    expect(await ids(['--author', reviewer.username])).toEqual([]);
  });

  it('should exit 2 on a usage error without asking the server', async () => {
    const cases: [string[], RegExp][] = [
      [['cr', 'open', '--title', 'nothing'], /nothing to change/],
      [['cr', 'open', '--title', 'x', '--publish', 'app.yaml=-'], /--publish takes <group>\/<dataId>/],
      [['cr', 'open', '--title', 'x', '--publish', 'G/a=-', '--publish', 'G/b=-'], /standard input .* one --publish only/],
      [['change-requests', 'ls', '--state', 'merged'], /argument 'merged' is invalid/],
      [['cr', 'approve'], /missing required argument 'id'/],
      [['config', 'put', 'G', 'app.yaml', '-', '--request-review', '--tags', 'a'], /not part of a change request/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { env: { ...home.env, SWITCHBOARD_URL: 'http://127.0.0.1:9', SWITCHBOARD_NAMESPACE: namespaceId }, input: 'x' });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });
});
