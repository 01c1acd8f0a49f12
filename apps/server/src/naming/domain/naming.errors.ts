import type { ServiceKey } from '@switchboard/shared';
import { DomainError } from '../../common/errors/domain-error';

const named = (key: ServiceKey) => `${key.groupName}@@${key.serviceName} in namespace ${key.namespaceId}`;

export function serviceNotFound(key: ServiceKey): DomainError<'SERVICE_NOT_FOUND'> {
  return new DomainError('SERVICE_NOT_FOUND', `serviceName: service ${named(key)} does not exist`, { ...key });
}

export function serviceAlreadyExists(key: ServiceKey): DomainError<'SERVICE_ALREADY_EXISTS'> {
  return new DomainError('SERVICE_ALREADY_EXISTS', `serviceName: service ${named(key)} already exists`, { ...key });
}

export function serviceNotEmpty(key: ServiceKey, instances: number): DomainError<'SERVICE_NOT_EMPTY'> {
  return new DomainError('SERVICE_NOT_EMPTY', `serviceName: service ${named(key)} still has ${instances} instance(s); deregister them first`, { ...key, instances });
}

export function instanceNotFound(key: ServiceKey, clusterName: string, ip: string, port: number): DomainError<'INSTANCE_NOT_FOUND'> {
  return new DomainError('INSTANCE_NOT_FOUND', `ip: instance ${ip}:${port} in cluster ${clusterName} of service ${named(key)} does not exist`, {
    ...key,
    clusterName,
    ip,
    port,
  });
}
