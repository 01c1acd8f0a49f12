import { REALTIME_EVENTS, type CanaryClientView, type CanaryRolloutView, type CanaryTarget, type CanaryView, type ConfigType } from '@switchboard/shared';
import type { Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import { action, intArg, listArg, when, withOutput, type Column } from '../command-kit.js';
import { UsageError } from '../errors.js';
import { readContent } from '../io.js';
import { printList, printObject, type OutputFormat } from '../output.js';
import { watchTopic } from '../realtime.js';
import { stdoutColors, writeErr, writeOut } from '../terminal.js';
import { typeOption } from './config.js';

const targetText = (t: CanaryTarget): string =>
  [`weight ${t.weight}%`, t.tags.length ? `labels ${t.tags.join(',')}` : '', t.ips.length ? `ips ${t.ips.join(',')}` : ''].filter(Boolean).join(', ');

const CANARY_FIELDS: Column<CanaryView>[] = [
  { header: 'config', value: (c) => `${c.namespaceId}/${c.group}/${c.dataId}` },
  { header: 'canary', value: (c) => `${c.id} (revision ${c.revision})` },
  { header: 'status', value: (c) => c.status + (c.endedReason ? ` (${c.endedReason})` : '') },
  { header: 'target', value: (c) => targetText(c.target) },
  { header: 'candidate', value: (c) => `md5 ${c.candidate.md5}, ${c.candidate.type}, ${c.candidate.sizeBytes} B` },
  { header: 'base version', value: (c) => c.baseVersion },
  { header: 'started', value: (c) => `${when(c.startedAt)} by ${c.startedBy}` },
  { header: 'updated', value: (c) => `${when(c.updatedAt)} by ${c.updatedBy}` },
];

const CLIENT_COLUMNS: Column<CanaryClientView>[] = [
  { header: 'CLIENT', value: (c) => c.clientId },
  { header: 'IP', value: (c) => c.clientIp },
  { header: 'TRANSPORT', value: (c) => c.transport },
  { header: 'HOLDS', value: (c) => c.holds },
  { header: 'EXPECTED', value: (c) => c.expected },
];

function renderRollout(format: OutputFormat, rollout: CanaryRolloutView): void {
  if (format !== 'table') return printObject(format, rollout, []);
  const colors = stdoutColors();
  if (!rollout.canary) writeOut(`${colors.dim(`no active canary for ${rollout.group}/${rollout.dataId}`)}\n`);
  else printObject(format, rollout.canary, CANARY_FIELDS);
  const { counts } = rollout;
  writeOut(`\n${colors.bold('clients')}  ${counts.total} listening: ${colors.green(`${counts.candidate} candidate`)}, ${counts.stable} stable, ${counts.other} other\n`);
  if (rollout.clients.length) {
    writeOut('\n');
    printList(format, rollout.clients, CLIENT_COLUMNS);
  }
}

// A live view: redrawn in place on a terminal; on a pipe one document per change (JSON lines, or
// YAML documents), so a script can follow the rollout.
function redraw(format: OutputFormat, rollout: CanaryRolloutView): void {
  if (format === 'json') return writeOut(`${JSON.stringify(rollout)}\n`);
  if (format === 'yaml') return writeOut(`---\n${toYaml(rollout)}`);
  if (process.stdout.isTTY) writeOut('\x1b[H\x1b[2J');
  else writeOut('\n');
  writeOut(`${stdoutColors().dim(`${when(new Date().toISOString())}  (Ctrl-C to stop)`)}\n`);
  renderRollout(format, rollout);
}

export function registerCanary(program: Command): void {
  const canary = program.command('canary').description('roll a config out to some clients first, then to all');

  withOutput(
    canary
      .command('start')
      .description('start a canary: the candidate content goes to the targeted clients only')
      .argument('<group>')
      .argument('<dataId>')
      .argument('[file]', 'the candidate content; "-" or absent: standard input')
      .option('--labels <labels>', 'clients carrying any of these comma-separated labels', listArg)
      .option('--ips <ips>', 'clients at these comma-separated addresses', listArg)
      .option('--weight <n>', 'share of the other clients, 0–100', intArg(0, 100))
      .addOption(typeOption()),
  ).action(
    action(async (ctx, group: string, dataId: string, file: string | undefined, options: { labels?: string[]; ips?: string[]; weight?: number; type?: ConfigType }) => {
      if (!options.labels && !options.ips && options.weight === undefined) throw new UsageError('no target: pass --labels, --ips and/or --weight');
      const content = await readContent(file);
      const view = await ctx.client.admin.configs.startCanary({
        params: { group, dataId },
        body: { content, type: options.type, target: { tags: options.labels ?? [], ips: options.ips ?? [], weight: options.weight ?? 0 } },
      });
      printObject(ctx.format, view, CANARY_FIELDS);
    }),
  );

  withOutput(
    canary
      .command('status')
      .description('show a canary and which listening clients hold the candidate')
      .argument('<group>')
      .argument('<dataId>')
      .option('-w, --watch', 'follow the rollout live until Ctrl-C'),
  ).action(
    action(async (ctx, group: string, dataId: string, options: { watch?: boolean }) => {
      if (!options.watch) return renderRollout(ctx.format, await ctx.client.admin.configs.canaryRollout({ params: { group, dataId } }));
      const format = ctx.format;
      const namespaceId = ctx.namespace;
      const watch = watchTopic(ctx.target, { kind: 'canary', namespaceId, group, dataId }, {
        onSnapshot: (rollout) => redraw(format, rollout),
        on: (socket) =>
          socket.on(REALTIME_EVENTS.canaryRollout, (event) => {
            if (event.key.namespaceId === namespaceId && event.key.group === group && event.key.dataId === dataId) redraw(format, event.rollout);
          }),
        onConnectionLost: () => writeErr('connection lost; reconnecting…\n'),
      });
      const stop = () => watch.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await watch.done;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    }),
  );

  withOutput(
    canary
      .command('weight')
      .description("change the share of clients that get the candidate")
      .argument('<group>')
      .argument('<dataId>')
      .argument('<weight>', '0–100', intArg(0, 100))
      .option('--expected-revision <n>', 'only if the canary is at this revision', intArg(1)),
  ).action(
    action(async (ctx, group: string, dataId: string, weight: number, options: { expectedRevision?: number }) => {
      const view = await ctx.client.admin.configs.updateCanary({ params: { group, dataId }, body: { target: { weight }, expectedRevision: options.expectedRevision } });
      printObject(ctx.format, view, CANARY_FIELDS);
    }),
  );

  withOutput(
    canary
      .command('promote')
      .description('publish the candidate to every client and end the canary')
      .argument('<group>')
      .argument('<dataId>')
      .option('--expected-revision <n>', 'only if the canary is at this revision', intArg(1)),
  ).action(
    action(async (ctx, group: string, dataId: string, options: { expectedRevision?: number }) => {
      const view = await ctx.client.admin.configs.promoteCanary({ params: { group, dataId }, body: { expectedRevision: options.expectedRevision } });
      printObject(ctx.format, view, [
        { header: 'promoted', value: (c) => `${c.group}/${c.dataId}` },
        { header: 'version', value: (c) => c.version },
        { header: 'md5', value: (c) => c.md5 },
      ]);
    }),
  );

  withOutput(
    canary
      .command('abort')
      .description('end the canary: every client goes back to the stable content')
      .argument('<group>')
      .argument('<dataId>')
      .option('--reason <text>', 'why, for the record')
      .option('--expected-revision <n>', 'only if the canary is at this revision', intArg(1)),
  ).action(
    action(async (ctx, group: string, dataId: string, options: { reason?: string; expectedRevision?: number }) => {
      const view = await ctx.client.admin.configs.abortCanary({ params: { group, dataId }, body: { reason: options.reason, expectedRevision: options.expectedRevision } });
      printObject(ctx.format, view, CANARY_FIELDS);
    }),
  );
}
