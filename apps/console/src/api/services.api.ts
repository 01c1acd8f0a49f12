import {
  NAMING_ENDPOINTS,
  type InstanceKey,
  type ListInstancesQuery,
  type ListServicesQuery,
  type ServiceKey,
  type UpdateInstanceRequest,
} from '@switchboard/shared';
import { callEndpoint } from './http-client';

const instanceParams = (service: ServiceKey, instance: InstanceKey) => ({
  ...service,
  clusterName: instance.clusterName,
  ip: instance.ip,
  port: instance.port,
});

export const listServices = (
  namespaceId: string,
  query?: ListServicesQuery,
  signal?: AbortSignal,
) => callEndpoint(NAMING_ENDPOINTS.listServices, { params: { namespaceId }, query, signal });

export const getService = (service: ServiceKey, signal?: AbortSignal) =>
  callEndpoint(NAMING_ENDPOINTS.getService, { params: service, signal });

export const listInstances = (
  service: ServiceKey,
  query?: ListInstancesQuery,
  signal?: AbortSignal,
) => callEndpoint(NAMING_ENDPOINTS.listInstances, { params: service, query, signal });

export const updateInstance = (
  service: ServiceKey,
  instance: InstanceKey,
  body: UpdateInstanceRequest,
) =>
  callEndpoint(NAMING_ENDPOINTS.updateInstance, {
    params: instanceParams(service, instance),
    body,
  });

export const deregisterInstance = (service: ServiceKey, instance: InstanceKey) =>
  callEndpoint(NAMING_ENDPOINTS.deregisterInstance, { params: instanceParams(service, instance) });
