import { CONFIG_CENTER_ENDPOINTS as E, type CanaryRolloutView, type CanaryView, type ConfigView } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/api';
import { cliHome, runCli, startCli, startCliServer, type CliHome, type CliServer } from '../../support/cli-run';
import { connect, subscribe, type RealtimeSocket } from '../../support/realtime';

let api: CliServer;
let home: CliHome;
let env: Record<string, string>;
let listener: RealtimeSocket | undefined;

beforeAll(async () => {
  api = await startCliServer();
  home = cliHome();
  env = { ...home.env, ...api.env };
  const published = await runCli(['config', 'put', 'DEFAULT_GROUP', 'feature.json', '-', '--type', 'json'], { env, input: '{"on":false}' });
  expect(published.code).toBe(0);
});
afterAll(async () => {
  listener?.close();
  home.remove();
  await api.stop();
});

const cli = (args: string[], input?: string) => runCli(args, { env, input });
const rolloutsIn = (stdout: string): CanaryRolloutView[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CanaryRolloutView);

describe('switchboard canary', () => {
  it('should start a canary from standard input with labels and a weight as its target', async () => {
    const result = await cli(['canary', 'start', 'DEFAULT_GROUP', 'feature.json', '--labels', 'beta,qa', '--weight', '10', '-o', 'json'], '{"on":true}');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const canary = JSON.parse(result.stdout) as CanaryView;
    expect(canary).toMatchObject({ status: 'active', target: { tags: ['beta', 'qa'], weight: 10, ips: [] }, candidate: { content: '{"on":true}' } });
  });

  it('should exit 2 when no target is given', async () => {
    const result = await cli(['canary', 'start', 'DEFAULT_GROUP', 'feature.json', '-'], '{}');
    expect(result.code).toBe(2);
  });

  it('should show which listening client holds the candidate', async () => {
    listener = await connect(api.baseUrl, api.adminToken, { labels: ['beta'] });
    const ack = await subscribe(listener, { kind: 'config', namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'feature.json' });
    expect(ack.ok).toBe(true);
    const result = await cli(['canary', 'status', 'DEFAULT_GROUP', 'feature.json', '-o', 'json']);
    expect(result.code).toBe(0);
    const rollout = JSON.parse(result.stdout) as CanaryRolloutView;
    expect(rollout.counts).toMatchObject({ candidate: 1, total: 1 });
    expect(rollout.clients).toEqual([expect.objectContaining({ transport: 'socket', holds: 'candidate', expected: 'candidate' })]);
    const table = await cli(['canary', 'status', 'DEFAULT_GROUP', 'feature.json', '-o', 'table']);
    expect(table.stdout).toMatch(/^target\s+weight 10%, labels beta,qa$/m);
    expect(table.stdout).toMatch(new RegExp(`^${rollout.clients[0].clientId}\\s+\\S+\\s+socket\\s+candidate\\s+candidate$`, 'm'));
  });

  it('should follow the rollout live with --watch and stop on Ctrl-C', async () => {
    const watch = startCli(['canary', 'status', 'DEFAULT_GROUP', 'feature.json', '--watch', '-o', 'json'], { env });
    try {
      await watch.waitForStdout((out) => rolloutsIn(out).some((r) => r.canary?.target.weight === 10));
      const weighted = await cli(['canary', 'weight', 'DEFAULT_GROUP', 'feature.json', '40', '-o', 'json']);
      expect(weighted.code).toBe(0);
      await watch.waitForStdout((out) => rolloutsIn(out).some((r) => r.canary?.target.weight === 40));
    } finally {
      expect(await watch.signal('SIGINT')).toBe(0);
    }
    expect(watch.stderr()).toBe('');
  });

  it('should exit 1 when the live connection is refused', async () => {
    const result = await runCli(['canary', 'status', 'DEFAULT_GROUP', 'feature.json', '--watch', '--token', 'not-a-token'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: UNAUTHENTICATED: /);
  });

  it('should publish the candidate to everyone on promote', async () => {
    const result = await cli(['canary', 'promote', 'DEFAULT_GROUP', 'feature.json', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: 2, content: '{"on":true}' });
    const config = (await call(api.baseUrl, E.getConfig, { params: { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: 'feature.json' }, headers: { authorization: `Bearer ${api.adminToken}` } })).body as ConfigView;
    expect(config.content).toBe('{"on":true}');
    const status = await cli(['canary', 'status', 'DEFAULT_GROUP', 'feature.json', '-o', 'json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ canary: null });
  });

  it('should abort a canary and exit 1 when there is none left to abort', async () => {
    expect((await cli(['canary', 'start', 'DEFAULT_GROUP', 'feature.json', '-', '--ips', '10.9.9.9', '-o', 'json'], '{"on":"maybe"}')).code).toBe(0);
    const aborted = await cli(['canary', 'abort', 'DEFAULT_GROUP', 'feature.json', '--reason', 'not today', '-o', 'json']);
    expect(aborted.code).toBe(0);
    expect(JSON.parse(aborted.stdout)).toMatchObject({ status: 'aborted', endedReason: 'not today' });
    const again = await cli(['canary', 'abort', 'DEFAULT_GROUP', 'feature.json']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: CANARY_NOT_FOUND: /);
  });
});
