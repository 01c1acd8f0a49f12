import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, cliHome, runCli, type CliHome } from '../../support/cli-run';
import { repoRoot } from '../../support/server';

// Every command of the tree; each must answer --help.
const COMMANDS = [
  [],
  ['login'],
  ['logout'],
  ['ns'],
  ['ns', 'ls'],
  ['ns', 'create'],
  ['ns', 'delete'],
  ['config'],
  ...['ls', 'get', 'put', 'edit', 'diff', 'history', 'rollback', 'delete', 'export', 'import'].map((c) => ['config', c]),
  ['canary'],
  ...['start', 'status', 'weight', 'promote', 'abort'].map((c) => ['canary', c]),
  ['services'],
  ['services', 'ls'],
  ['instances'],
  ...['ls', 'tag', 'weight', 'enable', 'disable'].map((c) => ['instances', c]),
  ['completion'],
];

let home: CliHome;
beforeAll(() => {
  home = cliHome();
});
afterAll(() => home.remove());

describe('switchboard --help', () => {
  it.each(COMMANDS.map((path) => [path.join(' ') || '(root)', path]))('should print usage and exit 0 when asked for help on %s', async (_name, path) => {
    const result = await runCli([...(path as string[]), '--help'], { env: home.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: switchboard${path.length ? ' ' : ''}${(path as string[]).join(' ')}`);
  });

  it('should list every command group when run without arguments and exit 2', async () => {
    const result = await runCli([], { env: home.env });
    expect(result.code).toBe(2);
    for (const group of ['login', 'ns', 'config', 'canary', 'services', 'instances', 'completion']) expect(result.stderr).toContain(group);
  });
});

describe('usage errors', () => {
  it.each([
    ['an unknown command', ['bogus'], /unknown command 'bogus'/],
    ['an unknown subcommand', ['config', 'frobnicate'], /unknown command 'frobnicate'/],
    ['an unknown option', ['config', 'ls', '--frob'], /unknown option '--frob'/],
    ['a missing argument', ['config', 'get', 'DEFAULT_GROUP'], /missing required argument 'dataId'/],
    ['an output format that does not exist', ['ns', 'ls', '-o', 'xml'], /Allowed choices are table, json, yaml/],
    ['a version that is no number', ['config', 'rollback', 'G', 'D', '--version', 'two'], /not an integer/],
    ['a group without its subcommand', ['canary'], /Usage: switchboard canary/],
    ['no server to talk to', ['ns', 'ls'], /no server: pass --url/],
  ])('should exit 2 with a message on stderr when given %s', async (_name, args, message) => {
    const result = await runCli(args, { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('should exit 1 with the error on stderr when the server cannot be reached', async () => {
    const result = await runCli(['ns', 'ls', '--url', 'http://127.0.0.1:9'], { env: home.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: NETWORK_ERROR: /);
  });
});

describe('switchboard completion', () => {
  it('should print a bash script that completes commands, options and option values from the command tree', async () => {
    const result = await runCli(['completion', 'bash'], { env: home.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('complete -o filenames -F _switchboard switchboard');
    const script = join(home.dir, 'completion.bash');
    writeFileSync(script, result.stdout);
    // Runs the completion function as bash would on <TAB>, for a few command lines.
    const complete = (...words: string[]) => {
      const probe = `source ${JSON.stringify(script)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; _switchboard; echo "\${COMPREPLY[*]}"`;
      const run = spawnSync('bash', ['-c', probe], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout.trim().split(/\s+/);
    };
    expect(complete('switchboard', '')).toEqual(expect.arrayContaining(['login', 'logout', 'ns', 'config', 'canary', 'services', 'instances', 'completion']));
    expect(complete('switchboard', 'config', '')).toEqual(expect.arrayContaining(['ls', 'get', 'put', 'edit', 'diff', 'history', 'rollback', 'export', 'import']));
    expect(complete('switchboard', 'config', 'put', '--ty')).toEqual(['--type']);
    expect(complete('switchboard', '-n', 'dev', 'config', 'ls', '-o', '')).toEqual(['table', 'json', 'yaml']);
    expect(complete('switchboard', 'config', 'import', 'x.zip', '--policy', 'o')).toEqual(['overwrite']);
    expect(complete('switchboard', 'canary', 'status', 'G', 'D', '--w')).toEqual(['--watch']);
  });

  it('should print a zsh script with every command and its description', async () => {
    const result = await runCli(['completion', 'zsh'], { env: home.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^#compdef switchboard/);
    expect(result.stdout).toContain('compdef _switchboard switchboard');
    expect(result.stdout).toContain("'rollback:publish an earlier version again'");
    expect(result.stdout).toContain("'config put|--type'|'config put|-t') echo 'text json yaml properties xml html toml'");
  });

  // zsh is not on every machine; where it is, the script's completion function runs with the
  // completion system's builtins stubbed to print what they are handed.
  const hasZsh = spawnSync('zsh', ['-c', 'true']).status === 0;
  it.skipIf(!hasZsh)('should complete commands, option values and files in zsh', async () => {
    const result = await runCli(['completion', 'zsh'], { env: home.env });
    const script = join(home.dir, 'completion.zsh');
    writeFileSync(script, result.stdout);
    expect(spawnSync('zsh', ['-n', script]).status).toBe(0);
    const complete = (...words: string[]) => {
      const probe = [
        'compdef() { :; }',
        `source ${JSON.stringify(script)}`,
        'compadd() { [[ $1 == -- ]] && shift; print -r -- "$*"; }',
        '_describe() { print -rl -- ${(P)2}; }',
        '_files() { print -r -- FILES; }',
        `words=(${words.map((w) => JSON.stringify(w)).join(' ')}); CURRENT=${words.length}; _switchboard`,
      ].join('\n');
      const run = spawnSync('zsh', ['-c', probe], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout.trim();
    };
    expect(complete('switchboard', 'canary', '').split('\n').map((line) => line.split(':')[0])).toEqual(['start', 'status', 'weight', 'promote', 'abort']);
    expect(complete('switchboard', 'configs', 'put', '--type', '')).toBe('text json yaml properties xml html toml');
    expect(complete('switchboard', '-n', 'dev', 'config', 'ls', '-o', '')).toBe('table json yaml');
    expect(complete('switchboard', 'config', 'put', 'G', 'D', '')).toBe('FILES');
  });

  it('should exit 2 when asked for a shell it does not know', async () => {
    const result = await runCli(['completion', 'fish'], { env: home.env });
    expect(result.code).toBe(2);
  });
});

describe('npx switchboard', () => {
  it('should stop quietly with exit 0 when the reader of its output closes early', () => {
    // `switchboard … | head -1`: here the reader (`true`) is gone before the first line is written.
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', `node ${JSON.stringify(cliBin)} config --help | true`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home.dir } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('should run from the repository root through the linked workspace bin', () => {
    const run = spawnSync(join(repoRoot, 'node_modules', '.bin', 'switchboard'), ['--version'], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home.dir } });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
