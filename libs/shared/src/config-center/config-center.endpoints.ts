import { defineEndpoint } from '../common/endpoint';
import type { Page } from '../common/page';
import type {
  AbortCanaryRequest,
  CanaryEventView,
  CanaryRolloutView,
  CanaryView,
  GetConfigQuery,
  ListCanaryEventsQuery,
  PromoteCanaryRequest,
  StartCanaryRequest,
  UpdateCanaryRequest,
} from './canary.types';
import type {
  CloneConfigsRequest,
  ConfigDiffView,
  ConfigKey,
  ConfigListenerView,
  ConfigSummaryView,
  ConfigVersionDetailView,
  ConfigVersionView,
  ConfigView,
  DeleteConfigQuery,
  DiffQuery,
  ExportQuery,
  ImportQuery,
  ImportReport,
  ListConfigsQuery,
  ListVersionsQuery,
  PublishConfigRequest,
  RollbackConfigRequest,
  ValidateConfigRequest,
  ValidateConfigView,
} from './config.types';

type NamespaceParams = { namespaceId: string };
const CONFIGS = '/api/v1/namespaces/:namespaceId/configs';
const CONFIG = `${CONFIGS}/:group/:dataId`;

export const CONFIG_CENTER_ENDPOINTS = {
  listConfigs: defineEndpoint<NamespaceParams, ListConfigsQuery, void, Page<ConfigSummaryView>>('GET', CONFIGS),
  getConfig: defineEndpoint<ConfigKey, GetConfigQuery, void, ConfigView>('GET', CONFIG),
  publishConfig: defineEndpoint<ConfigKey, void, PublishConfigRequest, ConfigView>('PUT', CONFIG),
  deleteConfig: defineEndpoint<ConfigKey, DeleteConfigQuery, void, void>('DELETE', CONFIG),
  listVersions: defineEndpoint<ConfigKey, ListVersionsQuery, void, Page<ConfigVersionView>>('GET', `${CONFIG}/versions`),
  getVersion: defineEndpoint<ConfigKey & { version: number | string }, void, void, ConfigVersionDetailView>('GET', `${CONFIG}/versions/:version`),
  diffVersions: defineEndpoint<ConfigKey, DiffQuery, void, ConfigDiffView>('GET', `${CONFIG}/diff`),
  validateConfig: defineEndpoint<ConfigKey, void, ValidateConfigRequest, ValidateConfigView>('POST', `${CONFIG}/validate`),
  rollbackConfig: defineEndpoint<ConfigKey, void, RollbackConfigRequest, ConfigView>('POST', `${CONFIG}/rollback`),
  listListeners: defineEndpoint<ConfigKey, void, void, ConfigListenerView[]>('GET', `${CONFIG}/listeners`),
  // The answer is a zip in Nacos's export layout (application/zip).
  exportConfigs: defineEndpoint<NamespaceParams, ExportQuery, void, ArrayBuffer>('GET', '/api/v1/namespaces/:namespaceId/config-export'),
  // The body is the zip (application/zip).
  importConfigs: defineEndpoint<NamespaceParams, ImportQuery, ArrayBuffer, ImportReport>('POST', '/api/v1/namespaces/:namespaceId/config-import'),
  cloneConfigs: defineEndpoint<NamespaceParams, void, CloneConfigsRequest, ImportReport>('POST', '/api/v1/namespaces/:namespaceId/config-clone'),
  // Canary releases: at most one active per config.
  listCanaries: defineEndpoint<NamespaceParams, void, void, CanaryView[]>('GET', '/api/v1/namespaces/:namespaceId/canaries'),
  getCanary: defineEndpoint<ConfigKey, void, void, CanaryView>('GET', `${CONFIG}/canary`),
  startCanary: defineEndpoint<ConfigKey, void, StartCanaryRequest, CanaryView>('POST', `${CONFIG}/canary`),
  updateCanary: defineEndpoint<ConfigKey, void, UpdateCanaryRequest, CanaryView>('PATCH', `${CONFIG}/canary`),
  promoteCanary: defineEndpoint<ConfigKey, void, PromoteCanaryRequest, ConfigView>('POST', `${CONFIG}/canary/promote`),
  abortCanary: defineEndpoint<ConfigKey, void, AbortCanaryRequest, CanaryView>('POST', `${CONFIG}/canary/abort`),
  canaryRollout: defineEndpoint<ConfigKey, void, void, CanaryRolloutView>('GET', `${CONFIG}/canary/rollout`),
  listCanaryEvents: defineEndpoint<ConfigKey, ListCanaryEventsQuery, void, Page<CanaryEventView>>('GET', `${CONFIG}/canary/events`),
} as const;
