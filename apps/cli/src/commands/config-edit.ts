import { SwitchboardError } from '@switchboard/client';
import type { ConfigType } from '@switchboard/shared';
import type { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { action, withOutput } from '../command-kit.js';
import { runEditor } from '../editor.js';
import { CliError } from '../errors.js';
import { confirm } from '../io.js';
import { printObject } from '../output.js';
import { stderrColors, stdoutColors, writeErr, writeOut } from '../terminal.js';
import { colorDiff, unifiedDiff } from '../unified-diff.js';
import { CONFIG_FIELDS, typeOption } from './config.js';

export function registerConfigEdit(config: Command): void {
  withOutput(
    config
      .command('edit')
      .description('edit a config in $VISUAL / $EDITOR, review the diff, then publish it')
      .argument('<group>')
      .argument('<dataId>')
      .addOption(typeOption())
      .option('-y, --yes', 'publish without asking')
      .addHelpText('after', '\nThe publish expects the version that was read: if someone published meanwhile, nothing is\noverwritten and the command exits 1 (your edit is kept in a temporary file).'),
  ).action(
    action(async (ctx, group: string, dataId: string, options: { type?: ConfigType; yes?: boolean }) => {
      const current = await ctx.client.admin.configs.getConfig({ params: { group, dataId } }).catch((error: unknown) => {
        // A config that does not exist yet is created from an empty file.
        if (error instanceof SwitchboardError && error.code === 'CONFIG_NOT_FOUND') return undefined;
        throw error;
      });
      const before = current?.content ?? '';
      const version = current?.version ?? 0;

      // Named after the data id so the editor picks its syntax from the extension.
      const dir = mkdtempSync(join(tmpdir(), 'switchboard-edit-'));
      const file = join(dir, dataId.replace(/[^\w.-]+/g, '_') || 'config');
      writeFileSync(file, before, { mode: 0o600 });
      let keep = false;
      try {
        runEditor(file);
        const after = readFileSync(file, 'utf8');
        if (after === before) {
          writeErr('no changes; nothing was published\n');
          return 0;
        }
        // With -o json or yaml, standard output is kept for the published config alone.
        const diff = unifiedDiff(`${group}/${dataId} (version ${version})`, `${group}/${dataId} (edited)`, before, after);
        if (ctx.format === 'table') writeOut(colorDiff(diff, stdoutColors()));
        else writeErr(colorDiff(diff, stderrColors()));
        if (!options.yes && !(await confirm(current ? `Publish version ${version + 1} of ${group}/${dataId}?` : `Create ${group}/${dataId}?`))) {
          writeErr('not published\n');
          return 1;
        }
        keep = true;
        const view = await ctx.client.admin.configs.publishConfig({ params: { group, dataId }, body: { content: after, type: options.type, expectedVersion: version } });
        keep = false;
        printObject(ctx.format, view, CONFIG_FIELDS);
        return 0;
      } catch (error) {
        if (keep) writeErr(`${stderrColors().dim(`your edit is kept in ${file}`)}\n`);
        throw error instanceof Error ? error : new CliError(String(error));
      } finally {
        if (!keep) rmSync(dir, { recursive: true, force: true });
      }
    }),
  );
}
