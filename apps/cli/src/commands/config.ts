import { SwitchboardError } from '@switchboard/client';
import { CONFIG_TYPES, type ConfigSummaryView, type ConfigVersionView, type ConfigType } from '@switchboard/shared';
import { Option, type Command } from 'commander';
import { action, allPages, intArg, when, withOutput, type Column } from '../command-kit.js';
import type { Context } from '../context.js';
import { reportError, UsageError } from '../errors.js';
import { readContent } from '../io.js';
import { printList, printObject } from '../output.js';
import { stderrColors, stdoutColors, writeErr, writeOut } from '../terminal.js';
import { colorDiff, unifiedDiff } from '../unified-diff.js';
import { openChangeRequest } from './change-requests.js';
import { registerConfigEdit } from './config-edit.js';
import { registerConfigTransfer } from './config-transfer.js';

export const CONFIG_COLUMNS: Column<ConfigSummaryView>[] = [
  { header: 'GROUP', value: (c) => c.group },
  { header: 'DATA ID', value: (c) => c.dataId },
  { header: 'TYPE', value: (c) => c.type },
  { header: 'VERSION', value: (c) => c.version },
  { header: 'MD5', value: (c) => c.md5 },
  { header: 'UPDATED', value: (c) => `${when(c.updatedAt)} by ${c.updatedBy || '-'}` },
];

// One config's fields, for commands that answer a single config.
export const CONFIG_FIELDS: Column<ConfigSummaryView>[] = [
  { header: 'namespace', value: (c) => c.namespaceId },
  { header: 'group', value: (c) => c.group },
  { header: 'dataId', value: (c) => c.dataId },
  { header: 'type', value: (c) => c.type },
  { header: 'version', value: (c) => c.version },
  { header: 'md5', value: (c) => c.md5 },
  { header: 'size', value: (c) => `${c.sizeBytes} B` },
  { header: 'updated', value: (c) => `${when(c.updatedAt)} by ${c.updatedBy || '-'}` },
];

const VERSION_COLUMNS: Column<ConfigVersionView>[] = [
  { header: 'VERSION', value: (v) => v.version },
  { header: 'OP', value: (v) => v.op },
  { header: 'TYPE', value: (v) => v.type },
  { header: 'MD5', value: (v) => v.md5 },
  { header: 'SIZE', value: (v) => v.sizeBytes },
  { header: 'AUTHOR', value: (v) => v.author },
  { header: 'FROM', value: (v) => v.sourceIp },
  { header: 'AT', value: (v) => when(v.createdAt) },
];

const VERSION_FIELDS: Column<ConfigVersionView>[] = VERSION_COLUMNS.map((c) => ({ header: c.header.toLowerCase(), value: c.value }));

export const typeOption = (): Option => new Option('-t, --type <type>', 'content type (default: the current one, text for a new config)').choices(CONFIG_TYPES);

interface PutOptions {
  type?: ConfigType;
  expectedVersion?: number;
  description?: string;
  app?: string;
  tags?: string;
  requestReview?: boolean;
  title?: string;
}

// `config put --request-review`: the content becomes a change request of one item, made against
// the config's current version (or --expected-version), for someone else to approve.
async function requestReview(ctx: Context, group: string, dataId: string, file: string | undefined, options: PutOptions): Promise<void> {
  if (options.description !== undefined || options.app !== undefined || options.tags !== undefined) {
    throw new UsageError('--description, --app and --tags are not part of a change request (it carries the content and type only)');
  }
  const content = await readContent(file);
  await openChangeRequest(ctx, {
    title: options.title ?? `publish ${group}/${dataId}`,
    items: [{ group, dataId, action: 'publish', content, type: options.type, baseVersion: options.expectedVersion }],
  });
}

export function registerConfig(program: Command): void {
  const config = program.command('config').alias('configs').description('read, publish, edit and compare configs');

  withOutput(
    config
      .command('ls')
      .alias('list')
      .description('list configs ("*" in --group or --data-id matches any run of characters)')
      .option('-g, --group <group>', 'only this group')
      .option('-d, --data-id <dataId>', 'only this data id')
      .option('--app <name>', 'only configs of this application')
      .option('--tags <tags>', 'only configs carrying every one of these comma-separated tags'),
  ).action(
    action(async (ctx, options: { group?: string; dataId?: string; app?: string; tags?: string }) => {
      const blur = [options.group, options.dataId].some((v) => v?.includes('*'));
      const items = await allPages((pageNo, pageSize) =>
        ctx.client.admin.configs.listConfigs({ query: { pageNo, pageSize, group: options.group, dataId: options.dataId, appName: options.app, tags: options.tags, mode: blur ? 'blur' : 'exact' } }),
      );
      printList(ctx.format, items, CONFIG_COLUMNS, 'no configs');
    }),
  );

  withOutput(
    config
      .command('get')
      .description('print a config: its content as it is; with -o its fields (json and yaml include the content)')
      .argument('<group>')
      .argument('<dataId>')
      .option('--version <n>', 'an earlier version from the history', intArg(1))
      .option('--as-client <ip>', 'the answer this client address would get (an active canary included)'),
  ).action(
    action(async (ctx, group: string, dataId: string, options: { version?: number; asClient?: string }) => {
      if (options.version !== undefined) {
        const version = await ctx.client.admin.configs.getVersion({ params: { group, dataId, version: options.version } });
        if (ctx.options.output === undefined) return writeOut(version.content);
        return printObject(ctx.format, version, VERSION_FIELDS);
      }
      const view = await ctx.client.admin.configs.getConfig({ params: { group, dataId }, query: { asClient: options.asClient } });
      if (ctx.options.output === undefined) return writeOut(view.content);
      printObject(ctx.format, view, CONFIG_FIELDS);
    }),
  );

  withOutput(
    config
      .command('put')
      .alias('publish')
      .description('publish a config from a file or standard input ("-")')
      .argument('<group>')
      .argument('<dataId>')
      .argument('[file]', 'the content; "-" or absent: standard input')
      .addOption(typeOption())
      .option('--expected-version <n>', 'publish only if the config is at this version (0: only if it does not exist)', intArg(0))
      .option('--description <text>', 'description')
      .option('--app <name>', 'application name')
      .option('--tags <tags>', 'comma-separated tags (replace the current ones)')
      .option('--request-review', 'open a change request with this content instead of publishing (prints its id)')
      .option('--title <text>', 'the change request\'s title (with --request-review)'),
  ).action(
    action(async (ctx, group: string, dataId: string, file: string | undefined, options: PutOptions) => {
      if (options.requestReview) return requestReview(ctx, group, dataId, file, options);
      if (options.title !== undefined) throw new UsageError('--title goes with --request-review');
      const content = await readContent(file);
      try {
        const view = await ctx.client.admin.configs.publishConfig({
          params: { group, dataId },
          body: { content, type: options.type, expectedVersion: options.expectedVersion, description: options.description, appName: options.app, tags: options.tags?.split(',').map((t) => t.trim()).filter(Boolean) },
        });
        printObject(ctx.format, view, CONFIG_FIELDS);
      } catch (error) {
        if (!(error instanceof SwitchboardError) || error.code !== 'REVIEW_REQUIRED') throw error;
        const colors = stderrColors();
        const code = reportError(error, colors, writeErr);
        writeErr(`${colors.dim('hint: open a change request with --request-review')}\n`);
        return code;
      }
    }),
  );

  config
    .command('diff')
    .description('compare a local file with the config on the server (exit 0: equal, 1: different)')
    .argument('<group>')
    .argument('<dataId>')
    .argument('<file>', 'the local content; "-" for standard input')
    .option('--version <n>', 'compare with this version of the history instead of the current one', intArg(1))
    .action(
      action(async (ctx, group: string, dataId: string, file: string, options: { version?: number }) => {
        const local = await readContent(file);
        const server =
          options.version !== undefined
            ? await ctx.client.admin.configs.getVersion({ params: { group, dataId, version: options.version } })
            : await ctx.client.admin.configs.getConfig({ params: { group, dataId } }).catch((error: unknown) => {
                // A config that does not exist yet compares as empty: everything is new.
                if ((error as { code?: string }).code === 'CONFIG_NOT_FOUND') return undefined;
                throw error;
              });
        const label = server ? `${group}/${dataId} (version ${server.version})` : `${group}/${dataId} (absent)`;
        const diff = unifiedDiff(label, file === '-' ? '(stdin)' : file, server?.content ?? '', local);
        if (!diff) return 0;
        writeOut(colorDiff(diff, stdoutColors()));
        return 1;
      }),
    );

  withOutput(config.command('history').description('list the versions of a config, newest first').argument('<group>').argument('<dataId>')).action(
    action(async (ctx, group: string, dataId: string) => {
      const versions = await allPages((pageNo, pageSize) => ctx.client.admin.configs.listVersions({ params: { group, dataId }, query: { pageNo, pageSize } }));
      printList(ctx.format, versions, VERSION_COLUMNS, 'no history');
    }),
  );

  withOutput(
    config
      .command('rollback')
      .description('publish an earlier version again')
      .argument('<group>')
      .argument('<dataId>')
      .requiredOption('--version <n>', 'the version to restore', intArg(1))
      .option('--expected-version <n>', 'only if the config is at this version now', intArg(0)),
  ).action(
    action(async (ctx, group: string, dataId: string, options: { version: number; expectedVersion?: number }) => {
      const view = await ctx.client.admin.configs.rollbackConfig({ params: { group, dataId }, body: { version: options.version, expectedVersion: options.expectedVersion } });
      printObject(ctx.format, view, CONFIG_FIELDS);
    }),
  );

  withOutput(
    config
      .command('delete')
      .alias('rm')
      .description('delete a config (its history is kept)')
      .argument('<group>')
      .argument('<dataId>')
      .option('--expected-version <n>', 'only if the config is at this version', intArg(1)),
  ).action(
    action(async (ctx, group: string, dataId: string, options: { expectedVersion?: number }) => {
      await ctx.client.admin.configs.deleteConfig({ params: { group, dataId }, query: { expectedVersion: options.expectedVersion } });
      printObject(ctx.format, { namespaceId: ctx.namespace, group, dataId, deleted: true }, [
        { header: 'deleted', value: (d) => `${d.group}/${d.dataId}` },
      ]);
    }),
  );

  registerConfigEdit(config);
  registerConfigTransfer(config);
}
