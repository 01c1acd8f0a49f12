// Maps Nacos naming parameters (v1 and v2) to registry commands and registry state to Nacos
// bodies (ServiceInfo, Instance, service detail). Notes:
// - `serviceName` may carry its group as `group@@service` (Nacos ServiceNameFilter); otherwise
//   `groupName` (default DEFAULT_GROUP) applies. This is the only place "@@" is understood.
// - `metadata` is a JSON object string or `k=v,k2=v2`; a bad one is a 400 naming `metadata`.
// - Instance tags travel in metadata key `switchboard.tags` (comma-separated), both ways, so
//   Nacos clients see and set them.
// - When the protect threshold is reached, unhealthy hosts are reported healthy, as Nacos does.
// - Nacos 3.x (v3) admin views: ServiceView, ServiceDetailInfo (clusters by name, with their
//   hosts on request) and Page {totalCount, pageNumber, pagesAvailable, pageItems}.
import { createHash } from 'node:crypto';
import { DEFAULT_CLUSTER, DEFAULT_GROUP, DEFAULT_NAMESPACE_ID, NAMING_RULES, type Page, type ServiceKey } from '@switchboard/shared';
import { commaList } from '../../common/http/comma-list';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { optionalParam, requiredParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import type { Instance } from '../domain/instance';
import { nacosInstanceId } from '../domain/naming-keys';
import type { RegisterInstanceCommand, UpdateInstanceCommand } from '../instance-registration.service';
import type { Discovery } from '../instance-query.service';
import type { ServiceState } from '../naming-registry';
import type { ListServicesCommand, ServiceSettingsCommand } from '../service-catalog.service';
import { presentServiceSummary } from '../http/naming.presenter';
import type { NacosBeat, NacosInstanceQuery, NacosServiceNamesQuery, NacosUdpSubscriber } from './nacos-naming.operations';

export const TAGS_METADATA_KEY = 'switchboard.tags';

export function namespaceOf(params: NacosParamMap): string {
  return optionalParam(params, 'namespaceId') ?? optionalParam(params, 'tenant') ?? DEFAULT_NAMESPACE_ID;
}

export function groupedName(key: ServiceKey): string {
  return `${key.groupName}@@${key.serviceName}`;
}

export function serviceKeyFrom(params: NacosParamMap, serviceNameParam = 'serviceName'): ServiceKey {
  const raw = requiredParam(params, serviceNameParam);
  const at = raw.indexOf('@@');
  if (at >= 0) {
    const groupName = raw.slice(0, at);
    const serviceName = raw.slice(at + 2);
    if (!groupName || !serviceName || serviceName.includes('@@')) {
      throw validationFailed([fieldViolation(serviceNameParam, 'format', `must be "service" or "group@@service", got "${raw}"`)]);
    }
    return { namespaceId: namespaceOf(params), groupName, serviceName };
  }
  return { namespaceId: namespaceOf(params), groupName: optionalParam(params, 'groupName') ?? DEFAULT_GROUP, serviceName: raw };
}

export function parseBool(params: NacosParamMap, name: string, fallback: boolean): boolean;
export function parseBool(params: NacosParamMap, name: string, fallback: undefined): boolean | undefined;
export function parseBool(params: NacosParamMap, name: string, fallback: boolean | undefined): boolean | undefined {
  const value = optionalParam(params, name);
  if (value === undefined) return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  throw validationFailed([fieldViolation(name, 'type', 'must be true or false')]);
}

export function parseNumber(params: NacosParamMap, name: string, required = false): number | undefined {
  const value = required ? requiredParam(params, name) : optionalParam(params, name);
  if (value === undefined) return undefined;
  // Number(' ') is 0: a blank value is not a number.
  const parsed = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(parsed)) throw validationFailed([fieldViolation(name, 'type', 'must be a number')]);
  return parsed;
}

// The longest `metadata` or `beat` text read at all: checked before parsing, so a huge parameter
// costs nothing; what it holds is then checked against the metadata rules (NAMING_RULES).
export const NACOS_JSON_PARAM_MAX_CHARS = 8 * NAMING_RULES.metadataMaxBytes;

function checkTextLength(name: string, value: string): void {
  if (value.length > NACOS_JSON_PARAM_MAX_CHARS) {
    throw validationFailed([fieldViolation(name, 'maxLength', `must be at most ${NACOS_JSON_PARAM_MAX_CHARS} characters`)]);
  }
}

export function parseMetadata(params: NacosParamMap, name = 'metadata'): Record<string, string> | undefined {
  const value = optionalParam(params, name);
  if (value === undefined) return undefined;
  checkTextLength(name, value);
  const bad = () => validationFailed([fieldViolation(name, 'format', 'must be a JSON object of strings or k=v,k2=v2')]);
  if (value.trim().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw bad();
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad();
    return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  const result: Record<string, string> = {};
  for (const pair of value.split(',')) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw bad();
    result[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return result;
}

// Splits the tags carried in metadata out of it.
function splitTags(metadata: Record<string, string> | undefined): { metadata?: Record<string, string>; tags?: string[] } {
  if (!metadata || metadata[TAGS_METADATA_KEY] === undefined) return { metadata };
  const { [TAGS_METADATA_KEY]: tagText, ...rest } = metadata;
  return { metadata: rest, tags: tagText.split(',').map((t) => t.trim()).filter(Boolean) };
}

export function clusterOf(params: NacosParamMap): string {
  return optionalParam(params, 'clusterName') ?? optionalParam(params, 'cluster') ?? DEFAULT_CLUSTER;
}

export function registerCommandFrom(params: NacosParamMap): RegisterInstanceCommand {
  const { metadata, tags } = splitTags(parseMetadata(params));
  return {
    ip: requiredParam(params, 'ip'),
    port: parseNumber(params, 'port', true)!,
    clusterName: clusterOf(params),
    weight: parseNumber(params, 'weight'),
    enabled: parseBool(params, 'enabled', undefined) ?? parseBool(params, 'enable', undefined),
    healthy: parseBool(params, 'healthy', undefined),
    ephemeral: parseBool(params, 'ephemeral', undefined),
    metadata,
    tags,
  };
}

export function updateCommandFrom(params: NacosParamMap): UpdateInstanceCommand {
  const { metadata, tags } = splitTags(parseMetadata(params));
  return {
    weight: parseNumber(params, 'weight'),
    enabled: parseBool(params, 'enabled', undefined) ?? parseBool(params, 'enable', undefined),
    healthy: parseBool(params, 'healthy', undefined),
    metadata,
    tags,
  };
}

export function addressFrom(params: NacosParamMap): { clusterName: string; ip: string; port: number } {
  return { clusterName: clusterOf(params), ip: requiredParam(params, 'ip'), port: parseNumber(params, 'port', true)! };
}

// The `beat` JSON of a Nacos 1.x client (RsInfo); unknown fields are ignored.
export interface NacosBeatInfo {
  ip?: string;
  port?: number;
  cluster?: string;
  serviceName?: string;
  weight?: number;
  ephemeral?: boolean;
  metadata?: Record<string, string>;
}

// A heartbeat request: the instance of its `beat` JSON (the parameters fill what it leaves out),
// or the address parameters of a light beat.
export function beatFrom(params: NacosParamMap): NacosBeat {
  const beat = parseBeat(params);
  if (!beat) return { address: addressFrom(params) };
  const ip = beat.ip ?? requiredParam(params, 'ip');
  const port = Number(beat.port ?? parseNumber(params, 'port', true));
  return { instance: { ip, port, clusterName: beat.cluster || clusterOf(params), weight: beat.weight, metadata: beat.metadata } };
}

function parseBeat(params: NacosParamMap): NacosBeatInfo | undefined {
  const raw = optionalParam(params, 'beat');
  if (raw === undefined) return undefined;
  checkTextLength('beat', raw);
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed === 'object' && parsed !== null) return parsed as NacosBeatInfo;
  } catch {
    // fall through
  }
  throw validationFailed([fieldViolation('beat', 'format', 'must be the JSON beat info')]);
}

export interface NacosHost {
  instanceId: string;
  ip: string;
  port: number;
  weight: number;
  healthy: boolean;
  enabled: boolean;
  ephemeral: boolean;
  clusterName: string;
  serviceName: string;
  metadata: Record<string, string>;
  instanceHeartBeatInterval: number;
  instanceHeartBeatTimeOut: number;
  ipDeleteTimeout: number;
  instanceIdGenerator: string;
}

export function toNacosHost(key: ServiceKey, instance: Instance, reportHealthy = false): NacosHost {
  const metadata: Record<string, string> = { ...instance.metadata };
  if (instance.tags.length) metadata[TAGS_METADATA_KEY] = instance.tags.join(',');
  return {
    instanceId: nacosInstanceId(key, instance.clusterName, instance.ip, instance.port),
    ip: instance.ip,
    port: instance.port,
    weight: instance.weight,
    healthy: reportHealthy || instance.healthy,
    enabled: instance.enabled,
    ephemeral: instance.ephemeral,
    clusterName: instance.clusterName,
    serviceName: groupedName(key),
    metadata,
    instanceHeartBeatInterval: instance.heartbeat.intervalMs,
    instanceHeartBeatTimeOut: instance.heartbeat.unhealthyAfterMs,
    ipDeleteTimeout: instance.heartbeat.expireAfterMs,
    instanceIdGenerator: 'simple',
  };
}

export interface NacosServiceInfo {
  name: string;
  groupName: string;
  clusters: string;
  cacheMillis: number;
  hosts: NacosHost[];
  lastRefTime: number;
  checksum: string;
  allIPs: boolean;
  reachProtectionThreshold: boolean;
  valid: boolean;
}

// How a ServiceInfo names its service: `group@@service` over HTTP and UDP (as Nacos 1.x), the
// service alone over gRPC (as Nacos 2.x: the group is in `groupName`; the Go and Python SDKs
// join the two themselves).
export type ServiceInfoNaming = 'grouped' | 'plain';

// Nacos ServiceInfo (GET /instance/list, the UDP push, the gRPC answers and pushes). `clusters`
// echoes the request: the npm client keys its cache by name@@clusters.
export function toNacosServiceInfo(key: ServiceKey, discovery: Discovery | undefined, clusters: string, cacheMillis: number, nowMs: number, naming: ServiceInfoNaming = 'grouped'): NacosServiceInfo {
  const hosts = discovery ? discovery.instances.map((i) => toNacosHost(key, i, discovery.reachProtectionThreshold)) : [];
  return {
    name: naming === 'grouped' ? groupedName(key) : key.serviceName,
    groupName: key.groupName,
    clusters,
    cacheMillis,
    hosts,
    lastRefTime: nowMs,
    checksum: createHash('md5').update(JSON.stringify(hosts)).digest('hex'),
    allIPs: false,
    reachProtectionThreshold: discovery?.reachProtectionThreshold ?? false,
    valid: true,
  };
}

export function toNacosServiceDetail(state: ServiceState): Record<string, unknown> {
  const clusterNames = new Set([...state.service.clusters.map((c) => c.name), ...[...state.instances.values()].map((i) => i.clusterName)]);
  const clusters = [...clusterNames].map((name) => {
    const cluster = state.service.clusters.find((c) => c.name === name);
    return { name, healthChecker: { type: cluster?.healthCheck.type ?? 'TCP' }, metadata: { ...(cluster?.metadata ?? {}) } };
  });
  return {
    namespaceId: state.service.key.namespaceId,
    groupName: state.service.key.groupName,
    name: state.service.key.serviceName,
    protectThreshold: state.service.protectThreshold,
    metadata: { ...state.service.metadata },
    selector: { type: 'none' },
    clusters,
  };
}

// The instances a list query asks for; the cluster names come in `clusters` (v1) or
// `clusterName` (v2).
export function instanceQueryFrom(params: NacosParamMap, clustersParam: 'clusters' | 'clusterName'): NacosInstanceQuery {
  return { clusters: optionalParam(params, clustersParam) ?? '', healthyOnly: parseBool(params, 'healthyOnly', false) };
}

// v1 `udpPort`: the caller, at the address the query came from (not the self-reported
// clientIP), asks for UDP pushes; 0 or absent: none.
export function udpSubscriberFrom(params: NacosParamMap, address: string): NacosUdpSubscriber | undefined {
  const port = parseNumber(params, 'udpPort') ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw validationFailed([fieldViolation('udpPort', 'range', 'must be an integer from 0 to 65535 (0: no UDP push)')]);
  return port > 0 ? { address, port } : undefined;
}

export function serviceSettingsFrom(params: NacosParamMap): ServiceSettingsCommand {
  return { protectThreshold: parseNumber(params, 'protectThreshold'), metadata: parseMetadata(params) };
}

// A page of service names (pageNo and pageSize of at least 1; the group defaults as Nacos's).
export function serviceNamesQueryFrom(params: NacosParamMap): NacosServiceNamesQuery {
  return {
    namespaceId: namespaceOf(params),
    groupName: optionalParam(params, 'groupName') ?? DEFAULT_GROUP,
    pageNo: Math.max(1, parseNumber(params, 'pageNo') ?? 1),
    pageSize: Math.max(1, parseNumber(params, 'pageSize') ?? 20),
  };
}

// v3 Page of a page of ours.
export function nacosPageOf<T, V>(page: Page<T>, view: (item: T) => V): { totalCount: number; pageNumber: number; pagesAvailable: number; pageItems: V[] } {
  return { totalCount: page.total, pageNumber: page.pageNo, pagesAvailable: Math.ceil(page.total / page.pageSize), pageItems: page.items.map(view) };
}

// v3 service list (`/service/list`): groupNameParam, serviceNameParam (part of the name),
// ignoreEmptyService, pageNo (1), pageSize (100); "" or absent namespaceId is public.
export function serviceListQueryFrom(params: NacosParamMap): ListServicesCommand {
  const pageNo = Math.max(1, parseNumber(params, 'pageNo') ?? 1);
  const pageSize = Math.max(1, parseNumber(params, 'pageSize') ?? 100);
  const filter = { groupName: optionalParam(params, 'groupNameParam'), nameContains: optionalParam(params, 'serviceNameParam'), hideEmpty: parseBool(params, 'ignoreEmptyService', false) };
  return { namespaceId: namespaceOf(params), ...filter, pageNo, pageSize };
}

// v3 ServiceView: a service of a list with its counts (triggerFlag: the protect threshold is reached).
export function toNacosServiceView(state: ServiceState): Record<string, unknown> {
  const { serviceName: name, groupName, clusterCount, instanceCount: ipCount, healthyInstanceCount, protectThreshold } = presentServiceSummary(state.service, state.instances.values());
  return { name, groupName, clusterCount, ipCount, healthyInstanceCount, triggerFlag: String(ipCount > 0 && healthyInstanceCount / ipCount <= protectThreshold) };
}

// The hosts of a service, all of them (disabled ones too, as an administrator sees them), in
// the given clusters (comma-separated; none: every cluster), only healthy ones on request.
export function nacosHostsOf(state: ServiceState, clusters: string | undefined, healthyOnly: boolean): NacosHost[] {
  const wanted = commaList(clusters);
  return [...state.instances.values()]
    .filter((i) => (!wanted.length || wanted.includes(i.clusterName)) && (!healthyOnly || i.healthy))
    .map((i) => toNacosHost(state.service.key, i));
}

// v3 ServiceDetailInfo: the service detail with its clusters keyed by name (ClusterInfo), each
// with its hosts when asked for.
export function toNacosServiceDetailInfo(state: ServiceState, withHosts = false): Record<string, unknown> {
  const { name, clusters, ...detail } = toNacosServiceDetail(state) as { name: string; clusters: { name: string }[] } & Record<string, unknown>;
  const clusterMap: Record<string, unknown> = {};
  for (const { name: clusterName, ...cluster } of clusters) {
    clusterMap[clusterName] = { clusterName, ...cluster, ...(withHosts ? { hosts: nacosHostsOf(state, clusterName, false) } : {}) };
  }
  return { ...detail, serviceName: name, clusterMap, ephemeral: false };
}

// A health update (`/health/instance`): the instance's `healthy`, required.
export function healthCommandFrom(params: NacosParamMap): UpdateInstanceCommand {
  requiredParam(params, 'healthy');
  return { healthy: parseBool(params, 'healthy', undefined) };
}
