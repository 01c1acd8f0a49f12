import {
  CHANGE_REQUEST_STATES,
  CONFIG_TYPES,
  type ChangeItemRequest,
  type ChangeItemView,
  type ChangeRequestState,
  type ChangeRequestSummaryView,
  type ChangeRequestView,
  type ConfigType,
} from '@switchboard/shared';
import { Option, type Command } from 'commander';
import { action, allPages, intArg, when, withOutput, type Column } from '../command-kit.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { readContent } from '../io.js';
import { printList, printObject, printResult, type OutputFormat } from '../output.js';
import { stdoutColors, writeOut } from '../terminal.js';
import { colorDiff } from '../unified-diff.js';

const approvalsText = (r: ChangeRequestSummaryView): string => `${r.approvals.length}/${r.requiredApprovals}`;

const REQUEST_COLUMNS: Column<ChangeRequestSummaryView>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'TITLE', value: (r) => r.title },
  { header: 'STATE', value: (r) => r.state },
  { header: 'AUTHOR', value: (r) => r.author },
  { header: 'APPROVALS', value: approvalsText },
  { header: 'CONFIGS', value: (r) => r.configs.join(',') },
  { header: 'UPDATED', value: (r) => when(r.updatedAt) },
];

// Across namespaces (the requests waiting for the caller's review), so the namespace is a column.
const WAITING_COLUMNS: Column<ChangeRequestSummaryView>[] = [{ header: 'NAMESPACE', value: (r) => r.namespaceId }, ...REQUEST_COLUMNS];

const REQUEST_FIELDS: Column<ChangeRequestView>[] = [
  { header: 'id', value: (r) => `${r.id} (revision ${r.revision})` },
  { header: 'namespace', value: (r) => r.namespaceId },
  { header: 'title', value: (r) => r.title },
  { header: 'state', value: (r) => r.state + (r.closedBy ? ` (by ${r.closedBy} at ${when(r.closedAt)})` : '') },
  { header: 'author', value: (r) => r.author },
  { header: 'approvals', value: (r) => `${approvalsText(r)}${r.approvals.length ? `: ${r.approvals.map((a) => a.user).join(', ')}` : ''}` },
  { header: 'configs', value: (r) => r.configs.join(', ') },
  { header: 'applied', value: (r) => r.appliedVersions.map((v) => `${v.group}/${v.dataId} v${v.version}`).join(', ') },
  { header: 'created', value: (r) => when(r.createdAt) },
  { header: 'updated', value: (r) => when(r.updatedAt) },
];

function itemHeading(item: ChangeItemView): string {
  const base = item.baseVersion ? `base version ${item.baseVersion}` : 'new config';
  const head = item.stale ? `, head moved to ${item.headVersion || 'absent'}: rebase before applying` : '';
  const type = item.type ? `, ${item.type}` : '';
  return `${item.action} ${item.group}/${item.dataId} (${base}${type}${head})`;
}

// A request for people: its fields, each item with its diff, then the discussion.
function renderRequest(format: OutputFormat, view: ChangeRequestView): void {
  if (format !== 'table') return printObject(format, view, []);
  const colors = stdoutColors();
  printObject(format, view, REQUEST_FIELDS);
  if (view.description) writeOut(`\n${view.description.replace(/\n*$/, '\n')}`);
  for (const item of view.items) {
    const heading = itemHeading(item);
    writeOut(`\n${item.stale ? colors.yellow(colors.bold(heading)) : colors.bold(heading)}\n`);
    if (item.canary) writeOut(`${colors.dim(`canary: weight ${item.canary.target.weight}%, labels ${item.canary.target.tags.join(',') || '-'}, ips ${item.canary.target.ips.join(',') || '-'}`)}\n`);
    if (item.unifiedDiff) writeOut(colorDiff(item.unifiedDiff.replace(/\n?$/, '\n'), colors));
    else writeOut(`${colors.dim('(no change of content)')}\n`);
  }
  if (view.comments.length) {
    writeOut(`\n${colors.bold('comments')}\n`);
    for (const c of view.comments) writeOut(`${colors.dim(`${when(c.at)} ${c.author}:`)} ${c.body.replace(/\n/g, '\n  ')}\n`);
  }
}

// "<group>/<dataId>": a group never holds "/", so the first one separates them.
function parseConfigKey(text: string, option: string): { group: string; dataId: string } {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) throw new UsageError(`${option} takes <group>/<dataId>, got "${text}"`);
  return { group: text.slice(0, slash), dataId: text.slice(slash + 1) };
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

// The items of `cr open`: each --publish with the content of its file (standard input at most
// once), then each --delete.
async function itemsFromOptions(options: { publish?: string[]; delete?: string[]; type?: ConfigType }): Promise<ChangeItemRequest[]> {
  const publish = (options.publish ?? []).map((spec) => {
    const eq = spec.indexOf('=');
    if (eq < 0 || eq === spec.length - 1) throw new UsageError(`--publish takes <group>/<dataId>=<file>, got "${spec}"`);
    return { ...parseConfigKey(spec.slice(0, eq), '--publish'), file: spec.slice(eq + 1) };
  });
  if (publish.filter((p) => p.file === '-').length > 1) throw new UsageError('standard input ("-") can be the content of one --publish only');
  const deletes = (options.delete ?? []).map((spec) => parseConfigKey(spec, '--delete'));
  if (!publish.length && !deletes.length) throw new UsageError('nothing to change: pass --publish <group>/<dataId>=<file> and/or --delete <group>/<dataId>');
  const items: ChangeItemRequest[] = [];
  for (const p of publish) items.push({ group: p.group, dataId: p.dataId, action: 'publish', content: await readContent(p.file), type: options.type });
  for (const d of deletes) items.push({ ...d, action: 'delete' });
  return items;
}

// Opens a request and prints its id (the whole request in JSON or YAML). `config put
// --request-review` answers the same way.
export async function openChangeRequest(ctx: Context, body: { title: string; description?: string; items: ChangeItemRequest[] }): Promise<void> {
  const view = await ctx.client.admin.changeRequests.createChangeRequest({ body });
  printResult(ctx.format, view, view.id);
}

type Transition = 'approve' | 'reject' | 'withdraw' | 'rebase' | 'apply';
const TRANSITIONS: { name: Transition; description: string }[] = [
  { name: 'approve', description: 'approve a change request (review access; never one of your own)' },
  { name: 'reject', description: 'reject a change request (review access)' },
  { name: 'withdraw', description: 'withdraw a change request of your own' },
  { name: 'rebase', description: 'move a request onto the current versions of its configs (its approvals are reset)' },
  { name: 'apply', description: 'apply an approved change request: every config changes at once, or none does' },
];

function transition(ctx: Context, name: Transition, id: string, body: { comment?: string; expectedRevision?: number }): Promise<ChangeRequestView> {
  const calls = ctx.client.admin.changeRequests;
  const args = { params: { id }, body };
  switch (name) {
    case 'approve':
      return calls.approveChangeRequest(args);
    case 'reject':
      return calls.rejectChangeRequest(args);
    case 'withdraw':
      return calls.withdrawChangeRequest(args);
    case 'rebase':
      return calls.rebaseChangeRequest(args);
    case 'apply':
      return calls.applyChangeRequest(args);
  }
}

export function registerChangeRequests(program: Command): void {
  const cr = program.command('cr').alias('change-requests').description('propose, review and apply config changes in a namespace where review is required');

  withOutput(
    cr
      .command('ls')
      .alias('list')
      .description('list the change requests of the namespace, the most recently changed first')
      .addOption(new Option('--state <state>', 'only requests in this state').choices(CHANGE_REQUEST_STATES))
      .option('--author <user>', 'only requests opened by this user'),
  ).action(
    action(async (ctx, options: { state?: ChangeRequestState; author?: string }) => {
      const items = await allPages((pageNo, pageSize) => ctx.client.admin.changeRequests.listChangeRequests({ query: { pageNo, pageSize, state: options.state, author: options.author } }));
      printList(ctx.format, items, REQUEST_COLUMNS, 'no change requests');
    }),
  );

  withOutput(cr.command('show').description('show a change request: its fields, each config with its diff, the comments').argument('<id>')).action(
    action(async (ctx, id: string) => {
      renderRequest(ctx.format, await ctx.client.admin.changeRequests.getChangeRequest({ params: { id } }));
    }),
  );

  withOutput(
    cr
      .command('open')
      .alias('create')
      .description('open a change request; prints its id')
      .requiredOption('--title <text>', 'what the change is')
      .option('--description <text>', 'why, for the reviewers')
      .option('--publish <group/dataId=file>', 'new content for a config from a file ("-": standard input, once); repeatable', collect)
      .option('--delete <group/dataId>', 'delete a config; repeatable', collect)
      .addOption(new Option('-t, --type <type>', 'content type of the published configs (default: the current one, text for a new config)').choices(CONFIG_TYPES)),
  ).action(
    action(async (ctx, options: { title: string; description?: string; publish?: string[]; delete?: string[]; type?: ConfigType }) => {
      const items = await itemsFromOptions(options);
      await openChangeRequest(ctx, { title: options.title, description: options.description, items });
    }),
  );

  for (const t of TRANSITIONS) {
    withOutput(
      cr
        .command(t.name)
        .description(t.description)
        .argument('<id>')
        .option('--comment <text>', 'added to the discussion')
        .option('--expected-revision <n>', 'only if the request is at this revision', intArg(1)),
    ).action(
      action(async (ctx, id: string, options: { comment?: string; expectedRevision?: number }) => {
        const view = await transition(ctx, t.name, id, { comment: options.comment, expectedRevision: options.expectedRevision });
        printObject(ctx.format, view, REQUEST_FIELDS);
      }),
    );
  }

  withOutput(cr.command('comment').description('add a comment to a change request').argument('<id>').argument('<text>')).action(
    action(async (ctx, id: string, text: string) => {
      const view = await ctx.client.admin.changeRequests.commentChangeRequest({ params: { id }, body: { body: text } });
      printResult(ctx.format, view, `commented on ${view.id} (${view.comments.length} comment${view.comments.length === 1 ? '' : 's'})`);
    }),
  );

  withOutput(cr.command('waiting').description('the open requests, in every namespace, that wait for your review')).action(
    action(async (ctx) => {
      printList(ctx.format, await ctx.client.admin.changeRequests.awaitingMyReview(), WAITING_COLUMNS, 'nothing waits for your review');
    }),
  );
}
