import { NAMING_ENDPOINTS, type InstanceView, type ServiceSummaryView } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { call } from '../../support/api';
import { cliHome, runCli, startCliServer, type CliHome, type CliServer } from '../../support/cli-run';

let api: CliServer;
let home: CliHome;
let env: Record<string, string>;

beforeAll(async () => {
  api = await startCliServer();
  home = cliHome();
  env = { ...home.env, ...api.env };
  for (const port of [8080, 8081]) {
    const res = await call(api.baseUrl, NAMING_ENDPOINTS.registerInstance, {
      params: { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'orders' },
      body: { ip: '10.0.0.5', port, ephemeral: false, tags: ['blue'] },
      headers: { authorization: `Bearer ${api.adminToken}` },
    });
    expect(res.status).toBeLessThan(300);
  }
});
afterAll(async () => {
  home.remove();
  await api.stop();
});

const cli = (args: string[]) => runCli(args, { env });
const instance = (stdout: string) => JSON.parse(stdout) as InstanceView;

describe('switchboard services ls', () => {
  it('should list the services with their instance counts', async () => {
    const result = await cli(['services', 'ls', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout) as ServiceSummaryView[]).toEqual([expect.objectContaining({ serviceName: 'orders', groupName: 'DEFAULT_GROUP', instanceCount: 2 })]);
    const table = await cli(['services', 'ls', '-o', 'table']);
    expect(table.stdout).toMatch(/^DEFAULT_GROUP\s+orders\s+1\s+2\s+2\s+/m);
  });
});

describe('switchboard instances', () => {
  it('should list the instances of a service', async () => {
    const result = await cli(['instances', 'ls', 'orders', '-o', 'yaml']);
    expect(result.code).toBe(0);
    expect((parseYaml(result.stdout) as InstanceView[]).map((i) => `${i.ip}:${i.port}`).sort()).toEqual(['10.0.0.5:8080', '10.0.0.5:8081']);
  });

  it('should replace, add and remove tags', async () => {
    expect(instance((await cli(['instances', 'tag', 'orders', '10.0.0.5:8080', 'green', 'canary', '-o', 'json'])).stdout).tags).toEqual(['green', 'canary']);
    expect(instance((await cli(['instances', 'tag', 'orders', '10.0.0.5:8080', '--add', 'eu', '--remove', 'canary', '-o', 'json'])).stdout).tags).toEqual(['green', 'eu']);
  });

  it('should set the weight, and disable and enable an instance', async () => {
    expect(instance((await cli(['instances', 'weight', 'orders', '10.0.0.5:8081', '5', '-o', 'json'])).stdout).weight).toBe(5);
    expect(instance((await cli(['instances', 'disable', 'orders', '10.0.0.5:8081', '-o', 'json'])).stdout).enabled).toBe(false);
    const stored = await call(api.baseUrl, NAMING_ENDPOINTS.getInstance, {
      params: { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: 'orders', clusterName: 'DEFAULT', ip: '10.0.0.5', port: 8081 },
      headers: { authorization: `Bearer ${api.adminToken}` },
    });
    expect(stored.body).toMatchObject({ weight: 5, enabled: false });
    // The operator's list shows the disabled instance (last); --enabled-only lists what discovery answers.
    const listed = JSON.parse((await cli(['instances', 'ls', 'orders', '-o', 'json'])).stdout) as { port: number; enabled: boolean }[];
    expect(listed.at(-1)).toMatchObject({ port: 8081, enabled: false });
    const enabledOnly = JSON.parse((await cli(['instances', 'ls', 'orders', '--enabled-only', '-o', 'json'])).stdout) as { port: number }[];
    expect(enabledOnly.map((i) => i.port)).not.toContain(8081);
    expect(enabledOnly.length).toBe(listed.length - 1);
    expect(instance((await cli(['instances', 'enable', 'orders', '10.0.0.5:8081', '-o', 'json'])).stdout).enabled).toBe(true);
  });

  it('should exit 2 for an address without a port and 1 for an instance that does not exist', async () => {
    const usage = await cli(['instances', 'weight', 'orders', '10.0.0.5', '5']);
    expect(usage.code).toBe(2);
    const missing = await cli(['instances', 'enable', 'orders', '10.0.0.6:8080']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: INSTANCE_NOT_FOUND: /);
  });
});

describe('switchboard ns', () => {
  it('should create, list and delete a namespace', async () => {
    expect((await cli(['ns', 'create', 'staging', '--name', 'Staging', '--description', 'pre-production', '-o', 'json'])).code).toBe(0);
    const listed = JSON.parse((await cli(['ns', 'ls', '-o', 'json'])).stdout) as { namespaceId: string; name: string }[];
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ namespaceId: 'staging', name: 'Staging' })]));
    const refused = await cli(['ns', 'delete', 'staging']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    expect((await cli(['ns', 'delete', 'staging', '--yes', '-o', 'json'])).code).toBe(0);
    const again = await cli(['ns', 'delete', 'staging', '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: NAMESPACE_NOT_FOUND: /);
  });
});
