import type { ServiceKey } from '@switchboard/shared';

// Map keys for services and instances; NUL cannot appear in names, so keys never collide.
export function serviceKeyString(key: ServiceKey): string {
  return `${key.namespaceId}\u0000${key.groupName}\u0000${key.serviceName}`;
}

export function instanceKeyString(clusterName: string, ip: string, port: number): string {
  return `${clusterName}\u0000${ip}\u0000${port}`;
}

// Nacos's default ("simple") instance id: ip#port#cluster#group@@service.
export function nacosInstanceId(key: ServiceKey, clusterName: string, ip: string, port: number): string {
  return `${ip}#${port}#${clusterName}#${key.groupName}@@${key.serviceName}`;
}

export function describeService(key: ServiceKey): string {
  return `ns=${key.namespaceId} group=${key.groupName} svc=${key.serviceName}`;
}
