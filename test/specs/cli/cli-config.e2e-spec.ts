import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_CENTER_ENDPOINTS as E, type ConfigSummaryView, type ConfigVersionView, type ConfigView } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { call } from '../../support/api';
import { cliHome, hasTerminalEmulation, runCli, startCli, startCliServer, type CliHome, type CliServer } from '../../support/cli-run';

let api: CliServer;
let home: CliHome;
let env: Record<string, string>;

beforeAll(async () => {
  api = await startCliServer();
  home = cliHome();
  env = { ...home.env, ...api.env };
});
afterAll(async () => {
  home.remove();
  await api.stop();
});

const cli = (args: string[], input?: string, extraEnv: Record<string, string> = {}) => runCli(args, { env: { ...env, ...extraEnv }, input });
const auth = () => ({ authorization: `Bearer ${api.adminToken}` });
const readConfig = async (group: string, dataId: string, namespaceId = 'public') =>
  (await call(api.baseUrl, E.getConfig, { params: { namespaceId, group, dataId }, headers: auth() })).body as ConfigView;
const localFile = (name: string, content: string) => {
  const path = join(home.dir, name);
  writeFileSync(path, content);
  return path;
};

describe('switchboard config put', () => {
  it('should publish standard input when the file is "-"', async () => {
    const result = await cli(['config', 'put', 'DEFAULT_GROUP', 'stdin.yaml', '-', '--type', 'yaml', '-o', 'json'], 'port: 8080\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dataId: 'stdin.yaml', type: 'yaml', version: 1, content: 'port: 8080\n' });
    expect((await readConfig('DEFAULT_GROUP', 'stdin.yaml')).content).toBe('port: 8080\n');
  });

  it('should publish a file', async () => {
    const result = await cli(['config', 'put', 'DEFAULT_GROUP', 'file.json', localFile('file.json', '{"a":1}'), '-t', 'json', '-o', 'json']);
    expect(result.code).toBe(0);
    expect((await readConfig('DEFAULT_GROUP', 'file.json')).content).toBe('{"a":1}');
  });

  it('should exit 1 with each violation and its line and column when the content does not parse', async () => {
    const result = await cli(['config', 'put', 'DEFAULT_GROUP', 'broken.json', '-', '--type', 'json'], '{\n  "a": 1,\n  oops\n}');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: VALIDATION_FAILED: /);
    expect(result.stderr).toMatch(/^ {2}content: .+ \(3:\d+\)$/m);
  });

  it('should exit 1 with the conflict when --expected-version is not the current version', async () => {
    const result = await cli(['config', 'put', 'DEFAULT_GROUP', 'stdin.yaml', '-', '--expected-version', '7'], 'port: 9090\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: CONFIG_CONFLICT: /);
    expect((await readConfig('DEFAULT_GROUP', 'stdin.yaml')).content).toBe('port: 8080\n');
  });
});

describe('switchboard config get and ls output formats', () => {
  it('should print the content as it is when no output format is asked for', async () => {
    const result = await cli(['config', 'get', 'DEFAULT_GROUP', 'stdin.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('port: 8080\n');
  });

  it('should list configs as JSON, as YAML and as a table that each read back the same configs', async () => {
    const json = await cli(['config', 'ls', '-o', 'json']);
    const yaml = await cli(['config', 'ls', '-o', 'yaml']);
    const table = await cli(['config', 'ls', '-o', 'table']);
    for (const r of [json, yaml, table]) expect(r.code).toBe(0);
    const fromJson = JSON.parse(json.stdout) as ConfigSummaryView[];
    expect(fromJson.map((c) => c.dataId).sort()).toEqual(['file.json', 'stdin.yaml']);
    expect(parseYaml(yaml.stdout)).toEqual(fromJson);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['GROUP', 'DATA ID', 'TYPE', 'VERSION', 'MD5', 'UPDATED']);
    const parsed = rows.map((row) => row.split(/\s{2,}/));
    expect(parsed.map((cells) => cells[1]).sort()).toEqual(['file.json', 'stdin.yaml']);
    for (const cells of parsed) expect(cells[4]).toBe(fromJson.find((c) => c.dataId === cells[1])?.md5);
  });

  it('should default to JSON when the output is not a terminal', async () => {
    const result = await cli(['config', 'ls']);
    expect(JSON.parse(result.stdout)).toHaveLength(2);
  });

  it('should exit 1 with the code when the config does not exist', async () => {
    const result = await cli(['config', 'get', 'DEFAULT_GROUP', 'missing.txt']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: CONFIG_NOT_FOUND: /);
  });
});

describe('switchboard config diff', () => {
  it('should exit 0 and print nothing when the file equals the server content', async () => {
    const result = await cli(['config', 'diff', 'DEFAULT_GROUP', 'stdin.yaml', localFile('same.yaml', 'port: 8080\n')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('should exit 1 with a unified diff when they differ', async () => {
    const file = localFile('changed.yaml', 'port: 9090\n');
    const result = await cli(['config', 'diff', 'DEFAULT_GROUP', 'stdin.yaml', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`--- DEFAULT_GROUP/stdin.yaml (version 1)\n+++ ${file}\n@@ -1,1 +1,1 @@\n-port: 8080\n+port: 9090\n`);
  });

  it('should colour removed and added lines when colour is forced', async () => {
    const result = await cli(['config', 'diff', 'DEFAULT_GROUP', 'stdin.yaml', '-'], 'port: 9090\n', { FORCE_COLOR: '1' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('\x1b[31m-port: 8080\x1b[39m');
    expect(result.stdout).toContain('\x1b[32m+port: 9090\x1b[39m');
  });
});

describe('switchboard config edit', () => {
  // A scripted $EDITOR: replaces text in the file it is given, as a person would.
  const editor = (from: string, to: string) => {
    const script = localFile(`editor-${from}-${to}.mjs`.replace(/[^\w.-]/g, '_'), `import { readFileSync, writeFileSync } from 'node:fs';\nconst file = process.argv[2];\nwriteFileSync(file, readFileSync(file, 'utf8').replace(${JSON.stringify(from)}, ${JSON.stringify(to)}));\n`);
    return `${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`;
  };

  it('should publish the edited content with the version read when --yes is given', async () => {
    const result = await cli(['config', 'edit', 'DEFAULT_GROUP', 'stdin.yaml', '--yes', '-o', 'json'], undefined, { EDITOR: editor('8080', '8181') });
    expect(result.code).toBe(0);
    // The diff is for the person; standard output holds the published config alone.
    expect(result.stderr).toContain('-port: 8080\n+port: 8181\n');
    expect(JSON.parse(result.stdout)).toMatchObject({ version: 2, content: 'port: 8181\n' });
    expect((await readConfig('DEFAULT_GROUP', 'stdin.yaml')).content).toBe('port: 8181\n');
  });

  it('should publish after a "y" on the confirmation and not after a "n", preferring $VISUAL', async () => {
    const declined = await cli(['config', 'edit', 'DEFAULT_GROUP', 'stdin.yaml', '-o', 'table'], 'n\n', { VISUAL: editor('8181', '8282'), EDITOR: 'false' });
    expect(declined.code).toBe(1);
    expect(declined.stdout).toBe('--- DEFAULT_GROUP/stdin.yaml (version 2)\n+++ DEFAULT_GROUP/stdin.yaml (edited)\n@@ -1,1 +1,1 @@\n-port: 8181\n+port: 8282\n');
    expect(declined.stderr).toContain('not published');
    expect((await readConfig('DEFAULT_GROUP', 'stdin.yaml')).version).toBe(2);
    const accepted = await cli(['config', 'edit', 'DEFAULT_GROUP', 'stdin.yaml', '-o', 'json'], 'y\n', { VISUAL: editor('8181', '8282') });
    expect(accepted.code).toBe(0);
    expect((await readConfig('DEFAULT_GROUP', 'stdin.yaml'))).toMatchObject({ version: 3, content: 'port: 8282\n' });
  });

  it('should exit 1 with the conflict and publish nothing when someone published while the editor was open', async () => {
    // This editor publishes another version through the API before saving its own change.
    const script = localFile(
      'racing-editor.mjs',
      `import { readFileSync, writeFileSync } from 'node:fs';
const res = await fetch(process.env.RACE_URL, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + process.env.SWITCHBOARD_TOKEN }, body: JSON.stringify({ content: 'port: 1\\n' }) });
if (!res.ok) process.exit(3);
const file = process.argv[2];
writeFileSync(file, readFileSync(file, 'utf8').replace('8282', '9999'));
`,
    );
    const raceUrl = `${api.baseUrl}${E.publishConfig.path.replace(':namespaceId', 'public').replace(':group', 'DEFAULT_GROUP').replace(':dataId', 'stdin.yaml')}`;
    const result = await cli(['config', 'edit', 'DEFAULT_GROUP', 'stdin.yaml', '--yes'], undefined, { EDITOR: `${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`, RACE_URL: raceUrl });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: CONFIG_CONFLICT: /m);
    expect(result.stderr).toMatch(/your edit is kept in /);
    expect((await readConfig('DEFAULT_GROUP', 'stdin.yaml'))).toMatchObject({ version: 4, content: 'port: 1\n' });
  });

  it('should exit 1 and publish nothing when the editor fails', async () => {
    const result = await cli(['config', 'edit', 'DEFAULT_GROUP', 'stdin.yaml', '--yes'], undefined, { EDITOR: 'false' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/exited with 1/);
    expect((await readConfig('DEFAULT_GROUP', 'stdin.yaml')).version).toBe(4);
  });
});

describe('switchboard config history and rollback', () => {
  it('should list every version and publish an earlier one again', async () => {
    const history = await cli(['config', 'history', 'DEFAULT_GROUP', 'stdin.yaml', '-o', 'json']);
    expect(history.code).toBe(0);
    expect((JSON.parse(history.stdout) as ConfigVersionView[]).map((v) => v.version)).toEqual([4, 3, 2, 1]);
    const rollback = await cli(['config', 'rollback', 'DEFAULT_GROUP', 'stdin.yaml', '--version', '1', '-o', 'yaml']);
    expect(rollback.code).toBe(0);
    expect(parseYaml(rollback.stdout)).toMatchObject({ version: 5, content: 'port: 8080\n' });
    expect((await readConfig('DEFAULT_GROUP', 'stdin.yaml')).content).toBe('port: 8080\n');
  });

  it('should exit 2 when --version is missing', async () => {
    const result = await cli(['config', 'rollback', 'DEFAULT_GROUP', 'stdin.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--version/);
  });
});

describe('switchboard config export and import', () => {
  it('should restore every config into another namespace from an exported zip', async () => {
    const zip = join(home.dir, 'public.zip');
    const exported = await cli(['config', 'export', '-o', zip]);
    expect(exported.code).toBe(0);
    // No progress bar when stderr is no terminal.
    expect(exported.stderr).toBe(`exported public to ${zip} (${statSync(zip).size} B)\n`);
    expect((await cli(['ns', 'create', 'copy', '-o', 'json'])).code).toBe(0);
    const imported = await cli(['config', 'import', zip, '-n', 'copy', '-o', 'json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ policy: 'abort', aborted: false, failed: [] });
    const listed = await cli(['config', 'ls', '-o', 'json'], undefined, { SWITCHBOARD_NAMESPACE: 'copy' });
    expect((JSON.parse(listed.stdout) as ConfigSummaryView[]).map((c) => c.namespaceId)).toEqual(['copy', 'copy']);
    for (const dataId of ['stdin.yaml', 'file.json']) {
      const [source, copy] = [await readConfig('DEFAULT_GROUP', dataId), await readConfig('DEFAULT_GROUP', dataId, 'copy')];
      expect({ content: copy.content, md5: copy.md5, type: copy.type }).toEqual({ content: source.content, md5: source.md5, type: source.type });
    }
  });

  it('should exit 1 and write nothing when configs exist under the abort policy, and skip them under skip', async () => {
    const zip = join(home.dir, 'public.zip');
    const aborted = await cli(['config', 'import', zip, '-n', 'copy', '-o', 'json']);
    expect(aborted.code).toBe(1);
    expect(JSON.parse(aborted.stdout)).toMatchObject({ aborted: true });
    expect(aborted.stderr).toMatch(/import aborted/);
    const skipped = await cli(['config', 'import', zip, '-n', 'copy', '--policy', 'skip', '-o', 'json']);
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).skipped).toHaveLength(2);
  });

  it.skipIf(!hasTerminalEmulation)('should draw a progress bar on a terminal', async () => {
    const session = startCli(['config', 'export', '-o', join(home.dir, 'on-a-terminal.zip')], { env }, true);
    expect(await session.exited).toBe(0);
    expect(session.stdout()).toMatch(/exporting \[#{30}\] 100%/);
    const imported = startCli(['config', 'import', join(home.dir, 'on-a-terminal.zip'), '-n', 'copy', '--policy', 'skip'], { env }, true);
    expect(await imported.exited).toBe(0);
    expect(imported.stdout()).toMatch(/reading +\[#{30}\] 100%/);
  });

  it('should write the zip to standard output when no file is named', async () => {
    const result = await runCli(['config', 'export', '--group', 'DEFAULT_GROUP'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout.slice(0, 2)).toBe('PK');
  });
});
