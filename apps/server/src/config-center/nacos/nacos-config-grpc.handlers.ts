// The config requests of the Nacos gRPC protocol, as thin as the HTTP shells: the body's fields
// are the v1 parameters (`tenant`, `dataId`, `group`; a publish's additionMap carries `type`,
// `betaIps`, `tag`, `appName`, `desc`, `config_tags`, `src_user`), mapped by the same mapper
// and served by the same operations. A client's canary identity is its connection: its labels
// (ConnectionSetupRequest) are its tags, its reported address its IP, its connection id the
// key of weighted canaries.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CONFIG_RULES } from '@switchboard/shared';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { optionalParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import type { GrpcConnection } from '../../grpc/grpc-connection';
import { GrpcHandlers, JsonFields, type GrpcRequestContext } from '../../grpc/grpc-handlers';
import { actorFor } from '../../identity/actor';
import { fromNacosTenant, type AccessRequirement } from '../../identity/access';
import type { ConfigClient } from '../canary/domain/canary-record';
import { configKeyString } from '../domain/config-keys';
import type { ConfigRecord } from '../domain/config-record';
import { authorFrom, configKeyFrom, grayTargetFrom, namespaceFromTenant, publishCommandFrom } from './nacos-config.mapper';
import { NacosConfigOperations, type ConnectionListenEntry } from './nacos-config.operations';

type Body = Record<string, unknown>;

const read: AccessRequirement = { kind: 'namespace', action: 'read', namespace: fromNacosTenant };
const write: AccessRequirement = { kind: 'namespace', action: 'write', namespace: fromNacosTenant };

// The text fields of a request body as Nacos parameters (other values are not parameters).
export function paramsOfBody(body: Body): NacosParamMap {
  const params: NacosParamMap = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') params[name] = value;
  return params;
}

export const grpcListenerId = (connection: GrpcConnection) => `grpc:${connection.id}`;

// The client a gRPC connection is, for canary answers; a query's `tag` (and the Vipserver-Tag
// header) adds to its labels.
export function grpcConfigClient(context: GrpcRequestContext, extraLabels: (string | undefined)[] = []): ConfigClient {
  const extra = extraLabels.filter((l): l is string => !!l);
  const connection = context.connection;
  return { ip: context.clientIp, identity: grpcListenerId(connection), labels: extra.length ? [...connection.tags, ...extra] : connection.tags };
}

interface ListenContext {
  dataId?: unknown;
  group?: unknown;
  tenant?: unknown;
  md5?: unknown;
}

function listenEntriesOf(body: Body): { entries: (ConnectionListenEntry & { tenant: string })[]; listen: boolean } {
  const contexts = body.configListenContexts;
  if (!Array.isArray(contexts)) throw validationFailed([fieldViolation('configListenContexts', 'required', 'must be a list of {dataId, group, tenant, md5}')]);
  if (contexts.length > CONFIG_RULES.maxListeningConfigs) {
    throw validationFailed([fieldViolation('configListenContexts', 'maxItems', `must list at most ${CONFIG_RULES.maxListeningConfigs} configs in one request`)]);
  }
  const entries = contexts.map((raw: ListenContext, i) => {
    const context = (typeof raw === 'object' && raw !== null ? raw : {}) as ListenContext;
    if (typeof context.dataId !== 'string' || !context.dataId || typeof context.group !== 'string' || !context.group) {
      throw validationFailed([fieldViolation(`configListenContexts[${i}]`, 'required', 'dataId and group are required')]);
    }
    const tenant = typeof context.tenant === 'string' ? context.tenant : '';
    return { key: { namespaceId: namespaceFromTenant(tenant), group: context.group, dataId: context.dataId }, md5: typeof context.md5 === 'string' ? context.md5 : '', tenant };
  });
  return { entries, listen: body.listen !== false };
}

@Injectable()
export class NacosConfigGrpcHandlers implements OnModuleInit {
  // A stored version's answer fields, serialised once (the content escaped and encoded once, not
  // per read).
  private readonly serialised = new WeakMap<ConfigRecord, Buffer>();

  constructor(
    private readonly handlers: GrpcHandlers,
    private readonly configs: NacosConfigOperations,
  ) {}

  private answerFields(record: ConfigRecord): Buffer {
    let fields = this.serialised.get(record);
    if (fields === undefined) {
      fields = Buffer.from(JSON.stringify({ content: record.content, encryptedDataKey: '', contentType: record.type, md5: record.md5, lastModified: record.updatedAtMs }).slice(1, -1));
      this.serialised.set(record, fields);
    }
    return fields;
  }

  onModuleInit(): void {
    this.handlers.register('ConfigQueryRequest', {
      access: read,
      responseType: 'ConfigQueryResponse',
      handle: (body, context) => {
        const params = paramsOfBody(body);
        const tag = optionalParam(params, 'tag');
        const client = grpcConfigClient(context, [tag, context.headers['Vipserver-Tag']]);
        const { record, canary } = this.configs.readForSubscriber(configKeyFrom(params, 'tenant'), client, grpcListenerId(context.connection));
        // As Nacos: `tag` names the tag release that answered, `beta` any other canary.
        const byTag = tag !== undefined && canary !== undefined && canary.target.tags.includes(tag);
        const flags = `,"beta":${canary !== undefined && !byTag}${byTag ? `,"tag":${JSON.stringify(encodeURIComponent(tag))}` : ''}`;
        return new JsonFields([this.answerFields(record), flags]);
      },
    });
    this.handlers.register('ConfigPublishRequest', {
      access: write,
      responseType: 'ConfigPublishResponse',
      handle: async (body, context) => {
        const addition = typeof body.additionMap === 'object' && body.additionMap !== null ? paramsOfBody(body.additionMap as Body) : {};
        const params = { ...addition, ...paramsOfBody(body) };
        const key = configKeyFrom(params, 'tenant');
        await this.configs.publish(key, publishCommandFrom(params, optionalParam(params, 'casMd5')), grayTargetFrom(addition.betaIps, params), actorFor(context.principal, context.clientIp, authorFrom(params)));
        return {};
      },
    });
    this.handlers.register('ConfigRemoveRequest', {
      access: write,
      responseType: 'ConfigRemoveResponse',
      handle: async (body, context) => {
        const params = paramsOfBody(body);
        await this.configs.remove(configKeyFrom(params, 'tenant'), { tag: optionalParam(params, 'tag') }, actorFor(context.principal, context.clientIp, authorFrom(params)));
        return {};
      },
    });
    this.handlers.register('ConfigBatchListenRequest', {
      access: { kind: 'authenticated' },
      responseType: 'ConfigChangeBatchListenResponse',
      handle: (body, context) => {
        const { entries, listen } = listenEntriesOf(body);
        const connection = context.connection;
        const client = grpcConfigClient(context);
        const changed = this.configs.listenOnConnection(entries, listen, { clientId: grpcListenerId(connection), clientIp: client.ip, labels: client.labels ?? [] }, context.principal);
        for (const entry of entries) {
          if (listen) connection.listening.set(configKeyString(entry.key), { key: entry.key, tenant: entry.tenant });
          else connection.listening.delete(configKeyString(entry.key));
        }
        const tenantOf = new Map(entries.map((e) => [configKeyString(e.key), e.tenant]));
        return { changedConfigs: changed.map((key) => ({ dataId: key.dataId, group: key.group, tenant: tenantOf.get(configKeyString(key)) ?? '' })) };
      },
    });
  }
}
