import { CONFIG_CENTER_ENDPOINTS, type ConfigKey, type ConflictPolicy, type ImportReport } from '@switchboard/shared';
import { Option, type Command } from 'commander';
import { createReadStream, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { action, withOutput, type Column } from '../command-kit.js';
import { CliError, UsageError } from '../errors.js';
import { printList, printResult } from '../output.js';
import { formatBytes, progressBar, readBody } from '../progress.js';
import { writeErr } from '../terminal.js';

interface ReportRow {
  result: 'created' | 'overwritten' | 'skipped' | 'failed';
  group: string;
  dataId: string;
  message: string;
}

const REPORT_COLUMNS: Column<ReportRow>[] = [
  { header: 'RESULT', value: (r) => r.result },
  { header: 'GROUP', value: (r) => r.group },
  { header: 'DATA ID', value: (r) => r.dataId },
  { header: 'MESSAGE', value: (r) => r.message },
];

function reportRows(report: ImportReport): ReportRow[] {
  const row = (result: ReportRow['result'], key: ConfigKey, message = ''): ReportRow => ({ result, group: key.group, dataId: key.dataId, message });
  return [
    ...report.created.map((k) => row('created', k)),
    ...report.overwritten.map((k) => row('overwritten', k)),
    ...(report.aborted ? [] : report.skipped.map((k) => row('skipped', k))),
    ...report.failed.map((f) => row('failed', f.key, f.message)),
  ];
}

async function readWithProgress(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const progress = progressBar('reading ', size);
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of createReadStream(file)) {
    chunks.push(chunk as Buffer);
    read += (chunk as Buffer).length;
    progress.update(read);
  }
  progress.finish();
  return Buffer.concat(chunks);
}

export function registerConfigTransfer(config: Command): void {
  config
    .command('export')
    .description('download configs as a zip (Nacos export layout)')
    .option('-g, --group <group>', 'only this group')
    .option('--data-ids <ids>', 'with --group: only these comma-separated data ids')
    .option('-o, --out <file>', 'write the zip here (default: standard output, when it is not a terminal)')
    .action(
      action(async (ctx, options: { group?: string; dataIds?: string; out?: string }) => {
        if (!options.out && process.stdout.isTTY) throw new UsageError('the zip would go to the terminal: pass -o FILE or redirect the output');
        if (options.dataIds && !options.group) throw new UsageError('--data-ids needs --group');
        const response = await ctx.client.raw(CONFIG_CENTER_ENDPOINTS.exportConfigs, {
          params: { namespaceId: ctx.namespace },
          query: { group: options.group, dataIds: options.dataIds },
          headers: { accept: 'application/zip' },
        });
        const length = Number(response.headers.get('content-length')) || undefined;
        const zip = await readBody(response, progressBar('exporting', length));
        if (options.out) {
          await writeFile(options.out, zip);
          writeErr(`exported ${ctx.namespace} to ${options.out} (${formatBytes(zip.length)})\n`);
        } else {
          process.stdout.write(zip);
        }
      }),
    );

  withOutput(
    config
      .command('import')
      .description('upload a zip of configs (as written by export)')
      .argument('<file>', 'the zip')
      .addOption(new Option('--policy <policy>', 'when a config exists already: abort (write nothing), skip it, or overwrite it').choices(['abort', 'skip', 'overwrite']).default('abort')),
  ).action(
    action(async (ctx, file: string, options: { policy: ConflictPolicy }) => {
      const zip = await readWithProgress(file);
      const uploading = progressBar(`importing ${formatBytes(zip.length)}`, undefined);
      let response: Response;
      try {
        response = await ctx.client.raw(CONFIG_CENTER_ENDPOINTS.importConfigs, {
          params: { namespaceId: ctx.namespace },
          query: { policy: options.policy },
          body: zip,
          headers: { 'content-type': 'application/zip', accept: 'application/json' },
        });
      } finally {
        uploading.finish();
      }
      const report = (await response.json()) as ImportReport;
      if (ctx.format === 'table') printList(ctx.format, reportRows(report), REPORT_COLUMNS, 'the archive holds no configs');
      else printResult(ctx.format, report, '');
      const summary = `${report.created.length} created, ${report.overwritten.length} overwritten, ${report.skipped.length} skipped, ${report.failed.length} failed`;
      if (report.aborted) {
        writeErr(`error: import aborted: ${report.failed.length} config(s) exist already; nothing was written (use --policy skip or overwrite)\n`);
        return 1;
      }
      writeErr(`${summary}\n`);
      return report.failed.length ? 1 : 0;
    }),
  );
}
