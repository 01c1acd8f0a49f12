import { defineEndpoint } from '../common/endpoint';
import type { Page } from '../common/page';
import type {
  CreateServiceRequest,
  HeartbeatView,
  InstanceListView,
  InstanceView,
  ListInstancesQuery,
  ListServicesQuery,
  RegisterInstanceRequest,
  ServiceKey,
  ServiceSummaryView,
  ServiceView,
  UpdateInstanceRequest,
  UpdateServiceRequest,
} from './naming.types';

type NamespaceParams = { namespaceId: string };
type InstanceParams = ServiceKey & { clusterName: string; ip: string; port: string | number };

const SERVICES = '/api/v1/namespaces/:namespaceId/services';
const SERVICE = `${SERVICES}/:groupName/:serviceName`;
const INSTANCE = `${SERVICE}/instances/:clusterName/:ip/:port`;

export const NAMING_ENDPOINTS = {
  listServices: defineEndpoint<NamespaceParams, ListServicesQuery, void, Page<ServiceSummaryView>>('GET', SERVICES),
  createService: defineEndpoint<NamespaceParams, void, CreateServiceRequest, ServiceView>('POST', SERVICES),
  getService: defineEndpoint<ServiceKey, void, void, ServiceView>('GET', SERVICE),
  updateService: defineEndpoint<ServiceKey, void, UpdateServiceRequest, ServiceView>('PATCH', SERVICE),
  deleteService: defineEndpoint<ServiceKey, void, void, void>('DELETE', SERVICE),
  listInstances: defineEndpoint<ServiceKey, ListInstancesQuery, void, InstanceListView>('GET', `${SERVICE}/instances`),
  registerInstance: defineEndpoint<ServiceKey, void, RegisterInstanceRequest, InstanceView>('POST', `${SERVICE}/instances`),
  getInstance: defineEndpoint<InstanceParams, void, void, InstanceView>('GET', INSTANCE),
  updateInstance: defineEndpoint<InstanceParams, void, UpdateInstanceRequest, InstanceView>('PATCH', INSTANCE),
  deregisterInstance: defineEndpoint<InstanceParams, void, void, void>('DELETE', INSTANCE),
  heartbeat: defineEndpoint<InstanceParams, void, void, HeartbeatView>('PUT', `${INSTANCE}/heartbeat`),
} as const;
