// The naming requests of the Nacos gRPC protocol, as thin as the HTTP shells: a request names
// its service by `namespace`, `groupName` and `serviceName`, and carries Nacos Instance objects
// whose fields are the v1 parameters (mapped by the same mapper, checked by the same rules).
// Ephemeral instances registered over gRPC live as long as their connection (no heartbeats), as
// in Nacos 2.x; persistent ones (PersistentInstanceRequest) are stored as over HTTP.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DEFAULT_NAMESPACE_ID, type ServiceKey } from '@switchboard/shared';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import type { NacosParamMap } from '../../common/nacos/nacos-params';
import { GrpcHandlers, RawJson, type GrpcRequestContext } from '../../grpc/grpc-handlers';
import type { AccessRequirement, NamespaceSource } from '../../identity/access';
import type { RegisterInstanceCommand } from '../instance-registration.service';
import { addressFrom, parseBool, registerCommandFrom, serviceKeyFrom, serviceNamesQueryFrom } from './nacos-naming.mapper';
import { NacosNamingOperations } from './nacos-naming.operations';
import { NacosNamingGrpcSubscribers } from './nacos-naming-grpc.subscribers';

type Body = Record<string, unknown>;

// The namespace of a naming request: `namespace`; empty or absent is public.
const fromNamespaceField: NamespaceSource = (request) => request.param('namespace') || DEFAULT_NAMESPACE_ID;
const read: AccessRequirement = { kind: 'namespace', action: 'read', namespace: fromNamespaceField };
const write: AccessRequirement = { kind: 'namespace', action: 'write', namespace: fromNamespaceField };

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value));

// A request's own fields as naming parameters (`namespace` is the v1 `namespaceId`).
function paramsOf(body: Body): NacosParamMap {
  return { namespaceId: text(body.namespace), groupName: text(body.groupName), serviceName: text(body.serviceName), clusters: text(body.clusters), cluster: text(body.cluster), pageNo: text(body.pageNo), pageSize: text(body.pageSize), healthyOnly: text(body.healthyOnly) };
}

function serviceOf(body: Body): ServiceKey {
  return serviceKeyFrom(paramsOf(body));
}

// A Nacos Instance object as v1 parameters; a field of the wrong kind is refused by the rules
// of its parameter, named `instance.<field>`.
function instanceParams(instance: unknown, field: string): NacosParamMap {
  if (typeof instance !== 'object' || instance === null || Array.isArray(instance)) throw validationFailed([fieldViolation(field, 'required', 'must be a Nacos Instance {ip, port, ...}')]);
  const i = instance as Body;
  const metadata = i.metadata === undefined || i.metadata === null ? undefined : typeof i.metadata === 'object' && !Array.isArray(i.metadata) ? JSON.stringify(i.metadata) : '!';
  return { ip: text(i.ip), port: text(i.port), weight: text(i.weight), healthy: text(i.healthy), enabled: text(i.enabled), ephemeral: text(i.ephemeral), clusterName: text(i.clusterName), metadata };
}

function withField<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const details = (error as { details?: unknown }).details;
    if ((error as { code?: string }).code !== 'VALIDATION_FAILED' || !Array.isArray(details)) throw error;
    throw validationFailed(details.map((d: { field: string; rule: string; message: string }) => fieldViolation(`${field}.${d.field}`, d.rule, d.message)));
  }
}

function registerCommandOf(instance: unknown, field: string): RegisterInstanceCommand {
  return withField(field, () => registerCommandFrom(instanceParams(instance, field)));
}

function addressOf(instance: unknown, field: string): { clusterName: string; ip: string; port: number } {
  return withField(field, () => addressFrom(instanceParams(instance, field)));
}

function typeOf(body: Body, allowed: readonly string[]): string {
  if (typeof body.type !== 'string' || !allowed.includes(body.type)) throw validationFailed([fieldViolation('type', 'enum', `must be one of ${allowed.join(', ')}`)]);
  return body.type;
}

@Injectable()
export class NacosNamingGrpcHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: GrpcHandlers,
    private readonly naming: NacosNamingOperations,
    private readonly subscribers: NacosNamingGrpcSubscribers,
  ) {}

  onModuleInit(): void {
    this.handlers.register('InstanceRequest', {
      access: write,
      responseType: 'InstanceResponse',
      handle: async (body, context) => {
        const type = typeOf(body, ['registerInstance', 'deregisterInstance']);
        const key = serviceOf(body);
        if (type === 'deregisterInstance') {
          await this.naming.deregister(key, addressOf(body.instance, 'instance'), context.actor);
          return { type };
        }
        const command = registerCommandOf(body.instance, 'instance');
        if (command.ephemeral === false) throw validationFailed([fieldViolation('instance.ephemeral', 'enum', 'must be true in an InstanceRequest; persistent instances are registered with PersistentInstanceRequest')]);
        await this.naming.register(key, { ...command, ephemeral: true, ownerConnectionId: context.connection.id }, context.actor);
        return { type };
      },
    });
    this.handlers.register('BatchInstanceRequest', {
      access: write,
      responseType: 'BatchInstanceResponse',
      handle: async (body, context) => {
        const type = typeOf(body, ['batchRegisterInstance', 'batchDeregisterInstance']);
        if (!Array.isArray(body.instances)) throw validationFailed([fieldViolation('instances', 'required', 'must be a list of Nacos Instances')]);
        const instances: unknown[] = body.instances;
        const key = serviceOf(body);
        if (type === 'batchDeregisterInstance') await this.naming.deregisterBatch(key, instances.map((instance, i) => addressOf(instance, `instances[${i}]`)), context.actor);
        else await this.naming.registerBatch(key, instances.map((instance, i) => registerCommandOf(instance, `instances[${i}]`)), context.connection.id, context.actor);
        return { type };
      },
    });
    this.handlers.register('PersistentInstanceRequest', {
      access: write,
      responseType: 'InstanceResponse',
      handle: async (body, context) => {
        const type = typeOf(body, ['registerInstance', 'deregisterInstance']);
        const key = serviceOf(body);
        if (type === 'deregisterInstance') await this.naming.deregister(key, addressOf(body.instance, 'instance'), context.actor);
        else await this.naming.register(key, { ...registerCommandOf(body.instance, 'instance'), ephemeral: false }, context.actor);
        return { type };
      },
    });
    this.handlers.register('SubscribeServiceRequest', {
      access: read,
      responseType: 'SubscribeServiceResponse',
      handle: (body, context) => this.subscribe(body, context),
    });
    this.handlers.register('ServiceQueryRequest', {
      access: read,
      responseType: 'QueryServiceResponse',
      handle: (body) => {
        const params = paramsOf(body);
        const key = serviceKeyFrom(params);
        const query = { clusters: params.cluster ?? '', healthyOnly: parseBool(params, 'healthyOnly', false) };
        return { serviceInfo: new RawJson(this.naming.serviceInfo(key, query, undefined, 'plain')) };
      },
    });
    this.handlers.register('ServiceListRequest', {
      access: read,
      responseType: 'ServiceListResponse',
      handle: (body) => {
        const { count, names } = this.naming.serviceNames(serviceNamesQueryFrom(paramsOf(body)));
        return { count, serviceNames: names };
      },
    });
  }

  private subscribe(body: Body, context: GrpcRequestContext): Body {
    const params = paramsOf(body);
    const key = serviceKeyFrom(params);
    const clusters = params.clusters ?? '';
    const serviceInfo = this.naming.serviceInfo(key, { clusters, healthyOnly: false }, undefined, 'plain');
    if (body.subscribe === false) this.subscribers.unsubscribe(context.connection, key);
    else this.subscribers.subscribe(context.connection, key, clusters, params.namespaceId ?? '');
    return { serviceInfo: new RawJson(serviceInfo) };
  }
}
