import type { NamespaceView } from '@switchboard/shared';
import type { Command } from 'commander';
import { action, intArg, withOutput, type Column } from '../command-kit.js';
import { confirm } from '../io.js';
import { printList, printObject, printResult } from '../output.js';
import { UsageError } from '../errors.js';

const COLUMNS: Column<NamespaceView>[] = [
  { header: 'ID', value: (n) => n.namespaceId },
  { header: 'NAME', value: (n) => n.name },
  { header: 'CONFIGS', value: (n) => `${n.configCount}/${n.configQuota}` },
  { header: 'DESCRIPTION', value: (n) => n.description },
];

export function registerNamespaces(program: Command): void {
  const ns = program.command('ns').alias('namespaces').description('list, create and delete namespaces');

  withOutput(ns.command('ls').alias('list').description('list the namespaces')).action(
    action(async (ctx) => {
      printList(ctx.format, await ctx.client.admin.namespaces.listNamespaces(), COLUMNS);
    }),
  );

  withOutput(
    ns
      .command('create')
      .description('create a namespace')
      .argument('<id>', 'namespace id: letters, digits, "_" and "-"')
      .option('--name <name>', 'display name (default: the id)')
      .option('--description <text>', 'description')
      .option('--quota <n>', 'maximum number of configs', intArg(0)),
  ).action(
    action(async (ctx, id: string, options: { name?: string; description?: string; quota?: number }) => {
      const view = await ctx.client.admin.namespaces.createNamespace({ body: { namespaceId: id, name: options.name ?? id, description: options.description, configQuota: options.quota } });
      printObject(ctx.format, view, COLUMNS);
    }),
  );

  withOutput(
    ns
      .command('delete')
      .alias('rm')
      .description('delete an empty namespace')
      .argument('<id>', 'namespace id')
      .option('-y, --yes', 'do not ask for confirmation'),
  ).action(
    action(async (ctx, id: string, options: { yes?: boolean }) => {
      if (!options.yes) {
        if (!process.stdin.isTTY) throw new UsageError('deleting a namespace needs --yes when not on a terminal');
        if (!(await confirm(`Delete namespace ${id}?`))) return 1;
      }
      await ctx.client.admin.namespaces.deleteNamespace({ params: { namespaceId: id } });
      printResult(ctx.format, { deleted: id }, `deleted namespace ${id}`);
    }),
  );
}
