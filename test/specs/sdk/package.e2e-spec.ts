import { CONFIG_CENTER_ENDPOINTS as E } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../../support/api';
import { runSdkChild } from '../../support/sdk-child';

const baseUrl = inject('baseUrl');
const token = inject('adminToken');

// The built package as applications load it: ES modules through import, CommonJS through require.
describe('@switchboard/client package', () => {
  const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('package')}.toml` };

  for (const kind of ['esm', 'cjs'] as const) {
    it(`should load from dist/${kind} and read and parse a config when ${kind === 'esm' ? 'imported' : 'required'}`, async () => {
      await call(baseUrl, E.publishConfig, { params: key, body: { content: '[db]\npool = 5\n', type: 'toml' } });
      const child = runSdkChild(
        kind,
        `report('resolved', ${kind === 'esm' ? "import.meta.resolve('@switchboard/client')" : "require.resolve('@switchboard/client')"});
         report('exports', Object.keys(sdk).sort());
         const client = sdk.createClient({ url: env.URL, token: env.TOKEN });
         report('toml', await client.config.getToml(env.GROUP, env.DATA_ID));
         try { sdk.parseJson('{"a": }'); } catch (error) { report('parseError', { isSdkError: error instanceof sdk.SwitchboardError, name: error.name, line: error.line, column: error.column }); }
         await client.close();`,
        { URL: baseUrl, TOKEN: token, GROUP: key.group, DATA_ID: key.dataId },
      );
      try {
        expect(await child.line<string>('resolved')).toMatch(new RegExp(`libs/client/dist/${kind}/index\\.js$`));
        expect(await child.line<string[]>('exports')).toEqual(['ADMIN_AREAS', 'ConfigParseError', 'SwitchboardError', 'createClient', 'parseJson', 'parseProperties', 'parseToml', 'parseYaml', 'pickInstance', 'pickWeighted', 'selectInstances']);
        expect(await child.line('toml')).toEqual({ db: { pool: 5 } });
        expect(await child.line('parseError')).toEqual({ isSdkError: true, name: 'ConfigParseError', line: 1, column: 7 });
        // Closed, the client leaves nothing that keeps the process alive.
        expect(await child.exited).toEqual({ code: 0, signal: null });
      } finally {
        await child.kill();
      }
    });
  }
});
