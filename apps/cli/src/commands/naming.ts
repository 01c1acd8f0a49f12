import { DEFAULT_CLUSTER, DEFAULT_GROUP, type InstanceView, type ServiceSummaryView } from '@switchboard/shared';
import { InvalidArgumentError, type Command } from 'commander';
import type { Context } from '../context.js';
import { action, allPages, intArg, listArg, when, withOutput, type Column } from '../command-kit.js';
import { UsageError } from '../errors.js';
import { printList, printObject } from '../output.js';

const SERVICE_COLUMNS: Column<ServiceSummaryView>[] = [
  { header: 'GROUP', value: (s) => s.groupName },
  { header: 'SERVICE', value: (s) => s.serviceName },
  { header: 'CLUSTERS', value: (s) => s.clusterCount },
  { header: 'INSTANCES', value: (s) => s.instanceCount },
  { header: 'HEALTHY', value: (s) => s.healthyInstanceCount },
  { header: 'PROTECT', value: (s) => s.protectThreshold },
];

const INSTANCE_COLUMNS: Column<InstanceView>[] = [
  { header: 'ADDRESS', value: (i) => address(i.ip, i.port) },
  { header: 'CLUSTER', value: (i) => i.clusterName },
  { header: 'WEIGHT', value: (i) => i.weight },
  { header: 'HEALTHY', value: (i) => (i.healthy ? 'yes' : 'no') },
  { header: 'ENABLED', value: (i) => (i.enabled ? 'yes' : 'no') },
  { header: 'EPHEMERAL', value: (i) => (i.ephemeral ? 'yes' : 'no') },
  { header: 'TAGS', value: (i) => i.tags.join(',') },
  { header: 'LAST BEAT', value: (i) => when(i.lastHeartbeatAt) },
];

const address = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

// "10.0.0.5:8080" or "[::1]:8080".
function parseAddress(value: string): { ip: string; port: number } {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(value) ?? /^([^:]+):(\d+)$/.exec(value);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) throw new InvalidArgumentError(`expected IP:PORT (or [IPv6]:PORT), got "${value}"`);
  return { ip: match[1], port: Number(match[2]) };
}

interface InstanceOptions {
  group: string;
  cluster: string;
}

function instanceCommand(parent: Command, name: string, description: string): Command {
  return withOutput(
    parent
      .command(name)
      .description(description)
      .argument('<service>', 'service name')
      .argument('<address>', 'the instance, IP:PORT', parseAddress)
      .option('-g, --group <group>', 'service group', DEFAULT_GROUP)
      .option('-c, --cluster <cluster>', 'cluster of the instance', DEFAULT_CLUSTER),
  );
}

async function updateInstance(ctx: Context, service: string, at: { ip: string; port: number }, options: InstanceOptions, body: { weight?: number; enabled?: boolean; tags?: string[] }): Promise<void> {
  const view = await ctx.client.admin.naming.updateInstance({ params: { groupName: options.group, serviceName: service, clusterName: options.cluster, ip: at.ip, port: at.port }, body });
  printObject(ctx.format, view, INSTANCE_COLUMNS);
}

export function registerNaming(program: Command): void {
  const services = program.command('services').alias('svc').description('registered services');
  withOutput(
    services
      .command('ls')
      .alias('list')
      .description('list the services of the namespace')
      .option('-g, --group <group>', 'only this group')
      .option('--name <text>', 'only services whose name contains this text')
      .option('--hide-empty', 'leave out services without instances'),
  ).action(
    action(async (ctx, options: { group?: string; name?: string; hideEmpty?: boolean }) => {
      const items = await allPages((pageNo, pageSize) => ctx.client.admin.naming.listServices({ query: { pageNo, pageSize, groupName: options.group, serviceName: options.name, hideEmpty: options.hideEmpty } }));
      printList(ctx.format, items, SERVICE_COLUMNS, 'no services');
    }),
  );

  const instances = program.command('instances').alias('inst').description("a service's instances: list, tag, weigh, enable, disable");
  withOutput(
    instances
      .command('ls')
      .alias('list')
      .description('list the instances of a service, disabled ones included (last)')
      .argument('<service>', 'service name')
      .option('-g, --group <group>', 'service group', DEFAULT_GROUP)
      .option('--healthy-only', 'only healthy instances')
      .option('--clusters <names>', 'only these comma-separated clusters')
      .option('--tags <tags>', 'only instances carrying every one of these comma-separated tags')
      .option('--enabled-only', 'leave out disabled instances, as discovery does'),
  ).action(
    action(async (ctx, service: string, options: { group: string; healthyOnly?: boolean; clusters?: string; tags?: string; enabledOnly?: boolean }) => {
      const query = { healthyOnly: options.healthyOnly, clusters: options.clusters, tags: options.tags, includeDisabled: !options.enabledOnly };
      const list = await ctx.client.admin.naming.listInstances({ params: { groupName: options.group, serviceName: service }, query });
      printList(ctx.format, list.instances, INSTANCE_COLUMNS, 'no instances');
    }),
  );

  instanceCommand(instances, 'tag', "set an instance's tags, or add and remove some")
    .argument('[tags...]', 'the new tags (replace all of them)')
    .option('--add <tags>', 'add these comma-separated tags', listArg)
    .option('--remove <tags>', 'remove these comma-separated tags', listArg)
    .action(
      action(async (ctx, service: string, at: { ip: string; port: number }, tags: string[], options: InstanceOptions & { add?: string[]; remove?: string[] }) => {
        if (!tags.length && !options.add && !options.remove) throw new UsageError('no tags: name the new tags, or pass --add / --remove');
        let next = tags;
        if (options.add || options.remove) {
          const current = tags.length ? tags : (await ctx.client.admin.naming.getInstance({ params: { groupName: options.group, serviceName: service, clusterName: options.cluster, ip: at.ip, port: at.port } })).tags;
          next = [...new Set([...current, ...(options.add ?? [])])].filter((t) => !(options.remove ?? []).includes(t));
        }
        await updateInstance(ctx, service, at, options, { tags: next });
      }),
    );

  instanceCommand(instances, 'weight', "set an instance's weight (0 takes it out of the traffic)")
    .argument('<weight>', '0–10000', intArg(0, 10_000))
    .action(action(async (ctx, service: string, at: { ip: string; port: number }, weight: number, options: InstanceOptions) => updateInstance(ctx, service, at, options, { weight })));

  instanceCommand(instances, 'enable', 'let an instance receive traffic again').action(
    action(async (ctx, service: string, at: { ip: string; port: number }, options: InstanceOptions) => updateInstance(ctx, service, at, options, { enabled: true })),
  );

  instanceCommand(instances, 'disable', 'take an instance out of the traffic (it stays registered)').action(
    action(async (ctx, service: string, at: { ip: string; port: number }, options: InstanceOptions) => updateInstance(ctx, service, at, options, { enabled: false })),
  );
}
