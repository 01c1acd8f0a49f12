// Maps the Nacos config API's words to the config center and back, for v1 and v2:
// - `tenant` (v1) / `namespaceId` (v2): empty, absent or "public" all mean the public namespace,
//   as Nacos 1.x/2.x clients send it; answers echo what the client sent.
// - `config_tags` / `configTags` → tags, `desc` → description, `src_user` / `srcUser` → author,
//   the `casMd5` header → the expected md5 (compare-and-swap).
// - `type`: an unknown or absent type is `text`, as Nacos does. Blank content is refused, as Nacos
//   does (our own API accepts an empty config).
// - Nacos's `schema` parameter (free text in Nacos) is ignored; JSON Schema is attached through
//   our own API.
// - Long polling (`Listening-Configs`): entries `dataId ^B group ^B md5 [^B tenant] ^A`; the
//   answer lists changed entries the same way, URL-encoded, one line.
// - Nacos 3.x (v3) names the group `groupName` and answers views named by `namespaceId` and
//   `groupName`, with the namespace as it is ("public", never ""); times in epoch milliseconds.
import { CONFIG_RULES, CONFIG_TYPES, DEFAULT_NAMESPACE_ID, type ConfigKey, type ConfigType } from '@switchboard/shared';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { commaList } from '../../common/http/comma-list';
import { optionalParam, requiredParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import type { PublishCommand } from '../config-publish.service';
import type { CanaryRecord } from '../canary/domain/canary-record';
import { configKeyString } from '../domain/config-keys';
import type { ConfigRecord } from '../domain/config-record';
import type { ConfigSearch } from '../config-query.service';
import type { ConfigAnswer } from '../config-answers';
import type { PollOptions } from './nacos-config-listener.service';
import type { GrayTarget, NacosDeleteTarget } from './nacos-config.operations';

export const WORD_SEPARATOR = '\u0002';
export const LINE_SEPARATOR = '\u0001';

export function namespaceFromTenant(tenant: string | undefined): string {
  return !tenant ? DEFAULT_NAMESPACE_ID : tenant;
}

export function configKeyFrom(params: NacosParamMap, namespaceParam: 'tenant' | 'namespaceId', groupParam: 'group' | 'groupName' = 'group'): ConfigKey {
  return { namespaceId: namespaceFromTenant(optionalParam(params, namespaceParam)), group: requiredParam(params, groupParam), dataId: requiredParam(params, 'dataId') };
}

export function nacosType(value: string | undefined): ConfigType {
  return value && (CONFIG_TYPES as readonly string[]).includes(value) ? (value as ConfigType) : 'text';
}

export function publishCommandFrom(params: NacosParamMap, casMd5: string | undefined): PublishCommand {
  const content = params.content;
  if (content === undefined || content.trim() === '') throw validationFailed([fieldViolation('content', 'required', 'is required and must not be blank')]);
  const tags = optionalParam(params, 'config_tags') ?? optionalParam(params, 'configTags');
  return {
    content,
    type: nacosType(optionalParam(params, 'type')),
    appName: optionalParam(params, 'appName'),
    description: optionalParam(params, 'desc'),
    tags: tags?.split(',').map((t) => t.trim()).filter(Boolean),
    expectedMd5: casMd5 || undefined,
  };
}

export function authorFrom(params: NacosParamMap): string | undefined {
  return optionalParam(params, 'src_user') ?? optionalParam(params, 'srcUser');
}

export interface ListeningEntry {
  key: ConfigKey;
  id: string; // configKeyString(key), made once per entry
  md5: string;
  text: string; // the entry as the client wrote it, without md5: echoed in the answer
}

export function parseListeningConfigs(raw: string | undefined): ListeningEntry[] {
  if (raw === undefined || raw.trim() === '') throw validationFailed([fieldViolation('Listening-Configs', 'required', 'is required')]);
  const entries: ListeningEntry[] = [];
  for (const line of raw.split(LINE_SEPARATOR)) {
    if (!line) continue;
    const words = line.split(WORD_SEPARATOR);
    if (words.length < 3 || words.length > 4 || !words[0] || !words[1]) {
      throw validationFailed([fieldViolation('Listening-Configs', 'format', 'each entry must be dataId^Bgroup^Bmd5[^Btenant]^A')]);
    }
    const [dataId, group, md5, tenant] = words;
    if (dataId.length > CONFIG_RULES.dataIdMaxLength || group.length > CONFIG_RULES.groupMaxLength) {
      throw validationFailed([fieldViolation('Listening-Configs', 'maxLength', `each dataId must be at most ${CONFIG_RULES.dataIdMaxLength} and each group at most ${CONFIG_RULES.groupMaxLength} characters`)]);
    }
    const key = { namespaceId: namespaceFromTenant(tenant), group, dataId };
    entries.push({ key, id: configKeyString(key), md5, text: tenant ? `${dataId}${WORD_SEPARATOR}${group}${WORD_SEPARATOR}${tenant}` : `${dataId}${WORD_SEPARATOR}${group}` });
    if (entries.length > CONFIG_RULES.maxListeningConfigs) {
      throw validationFailed([fieldViolation('Listening-Configs', 'maxItems', `must list at most ${CONFIG_RULES.maxListeningConfigs} configs in one request`)]);
    }
  }
  return entries;
}

export function changedResponse(entries: readonly ListeningEntry[]): string {
  if (!entries.length) return '';
  return `${encodeURIComponent(entries.map((e) => `${e.text}${LINE_SEPARATOR}`).join(''))}\n`;
}

export function toNacosConfigInfo(record: ConfigRecord, tenant: string): Record<string, unknown> {
  return {
    id: String(record.version),
    dataId: record.key.dataId,
    group: record.key.group,
    content: record.content,
    md5: record.md5,
    encryptedDataKey: '',
    tenant,
    appName: record.appName,
    type: record.type,
  };
}

export function toNacosConfigAllInfo(record: ConfigRecord, tenant: string): Record<string, unknown> {
  return {
    ...toNacosConfigInfo(record, tenant),
    createTime: record.createdAtMs,
    modifyTime: record.updatedAtMs,
    createUser: record.createdBy,
    createIp: '',
    desc: record.description,
    use: null,
    effect: null,
    schema: null,
    configTags: record.tags.length ? record.tags.join(',') : null,
  };
}

export function nacosPage<T>(items: T[], total: number, pageNo: number, pageSize: number): { totalCount: number; pageNumber: number; pagesAvailable: number; pageItems: T[] } {
  return { totalCount: total, pageNumber: pageNo, pagesAvailable: Math.ceil(total / pageSize), pageItems: items };
}

// Headers of a raw config answer, as Nacos clients read them (`isBeta` when the answer is a
// canary's candidate, as for a Nacos beta).
export function configHeaders(record: ConfigRecord, canary = false): Record<string, string> {
  return {
    ...(canary ? { isbeta: 'true' } : {}),
    'content-type': record.type === 'json' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'config-type': record.type,
    'content-md5': record.md5,
    'last-modified': new Date(record.updatedAtMs).toUTCString(),
    pragma: 'no-cache',
    expires: '0',
    'cache-control': 'no-cache,no-store',
  };
}

// The target of a Nacos gray publish: the betaIps header (comma-separated client addresses),
// else the tag parameter (clients declaring that tag); none for a normal publish.
export function grayTargetFrom(betaIps: string | undefined, params: NacosParamMap): GrayTarget | undefined {
  if (betaIps !== undefined && betaIps.trim() !== '') return { ips: betaIps.split(',').map((ip) => ip.trim()).filter(Boolean) };
  const tag = optionalParam(params, 'tag');
  return tag ? { tags: [tag] } : undefined;
}

// Labels a Nacos client declares: the `tag` parameter or the Vipserver-Tag header.
export function clientLabels(params: NacosParamMap, vipserverTag: string | undefined): string[] | undefined {
  const labels = [optionalParam(params, 'tag'), vipserverTag?.trim()].filter((l): l is string => !!l);
  return labels.length ? labels : undefined;
}

// ConfigInfo4Beta of `GET ?beta=true`: the candidate with its address list.
export function toNacosConfigInfo4Beta(canary: CanaryRecord, head: ConfigRecord, tenant: string): Record<string, unknown> {
  return {
    id: canary.id,
    dataId: canary.key.dataId,
    group: canary.key.group,
    tenant,
    appName: head.appName,
    content: canary.candidate.content,
    md5: canary.candidate.md5,
    type: canary.candidate.type,
    encryptedDataKey: '',
    betaIps: canary.target.ips.join(','),
  };
}

// What a v1 delete removes: `beta=true` the beta, `tag=` that tag's gray release, else the config.
export function deleteTargetFrom(params: NacosParamMap): NacosDeleteTarget {
  return { beta: params.beta === 'true', tag: optionalParam(params, 'tag') };
}

export const LISTEN_HEADERS = { 'content-type': 'text/plain; charset=utf-8', pragma: 'no-cache', expires: '0', 'cache-control': 'no-cache,no-store' } as const;

// The headers of a long-polling request.
export interface ListenHeaders {
  timeout: string | undefined; // Long-Pulling-Timeout (ms)
  noHangup: string | undefined; // Long-Pulling-Timeout-No-Hangup
  vipserverTag: string | undefined;
}

export function pollOptionsFrom(headers: ListenHeaders, clientIp: string, onClose: PollOptions['onClose']): PollOptions {
  const { timeout } = headers;
  const timeoutMs = timeout !== undefined && Number.isFinite(Number(timeout)) ? Number(timeout) : undefined;
  return { timeoutMs, noHangup: headers.noHangup === 'true', clientIp, labels: clientLabels({}, headers.vipserverTag), onClose };
}

// v3: domain errors name the group `group`; v3 callers sent `groupName`.
export const V3_FIELD_ALIASES = { group: 'groupName' };

// v3 ConfigBasicInfo: a config as the admin lists show it.
export function toNacosConfigBasicInfo(record: ConfigRecord): Record<string, unknown> {
  return {
    id: String(record.version),
    namespaceId: record.key.namespaceId,
    groupName: record.key.group,
    dataId: record.key.dataId,
    md5: record.md5,
    type: record.type,
    appName: record.appName,
    createTime: record.createdAtMs,
    modifyTime: record.updatedAtMs,
  };
}

// v3 ConfigDetailInfo: the stored config with its content and attributes.
export function toNacosConfigDetailInfo(record: ConfigRecord): Record<string, unknown> {
  return {
    ...toNacosConfigBasicInfo(record),
    content: record.content,
    encryptedDataKey: '',
    createUser: record.createdBy,
    createIp: '',
    desc: record.description,
    configTags: record.tags.length ? record.tags.join(',') : null,
    schema: record.schema,
  };
}

// v3 ConfigGrayInfo of the running beta: the candidate, named and ruled as a Nacos beta.
export function toNacosConfigGrayInfo(canary: CanaryRecord, head: ConfigRecord): Record<string, unknown> {
  return {
    ...toNacosConfigDetailInfo(head),
    content: canary.candidate.content,
    md5: canary.candidate.md5,
    type: canary.candidate.type,
    createUser: canary.startedBy,
    modifyTime: canary.updatedAtMs,
    grayName: 'beta',
    grayRule: JSON.stringify({ type: 'beta', version: '1.0.0', expr: canary.target.ips.join(','), priority: 2147483647 }),
  };
}

// The v3 client read (ConfigQueryResponse): content with md5, type and time; a canary's
// candidate is `tag` (the label a tag canary matched on) or else `beta`, as in v1's isBeta.
export function toNacosConfigQueryResponse(answer: ConfigAnswer, labels: readonly string[] | undefined): Record<string, unknown> {
  const { record, canary } = answer;
  const tag = canary && labels?.find((l) => canary.target.tags.includes(l));
  return {
    resultCode: 200,
    errorCode: 0,
    message: null,
    requestId: null,
    success: true,
    content: record.content,
    encryptedDataKey: null,
    contentType: record.type,
    md5: record.md5,
    lastModified: record.updatedAtMs,
    beta: !!canary && !tag,
    tag: tag ?? null,
  };
}

// A v3 config list (`/list`): dataId and groupName patterns (`search` blur by default, `*` any
// run of characters), appName, configTags (comma-separated) and a page.
export function configSearchFrom(params: NacosParamMap, pageNo: number, pageSize: number): ConfigSearch {
  return {
    namespaceId: namespaceFromTenant(optionalParam(params, 'namespaceId')),
    group: optionalParam(params, 'groupName'),
    dataId: optionalParam(params, 'dataId'),
    appName: optionalParam(params, 'appName'),
    tags: commaList(params.configTags),
    mode: params.search === 'accurate' ? 'exact' : 'blur',
    pageNo,
    pageSize,
  };
}
