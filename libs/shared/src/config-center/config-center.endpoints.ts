import { defineEndpoint } from '../common/endpoint';
import type { Page } from '../common/page';
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
} from './config.types';

type NamespaceParams = { namespaceId: string };
const CONFIGS = '/api/v1/namespaces/:namespaceId/configs';
const CONFIG = `${CONFIGS}/:group/:dataId`;

export const CONFIG_CENTER_ENDPOINTS = {
  listConfigs: defineEndpoint<NamespaceParams, ListConfigsQuery, void, Page<ConfigSummaryView>>('GET', CONFIGS),
  getConfig: defineEndpoint<ConfigKey, void, void, ConfigView>('GET', CONFIG),
  publishConfig: defineEndpoint<ConfigKey, void, PublishConfigRequest, ConfigView>('PUT', CONFIG),
  deleteConfig: defineEndpoint<ConfigKey, DeleteConfigQuery, void, void>('DELETE', CONFIG),
  listVersions: defineEndpoint<ConfigKey, ListVersionsQuery, void, Page<ConfigVersionView>>('GET', `${CONFIG}/versions`),
  getVersion: defineEndpoint<ConfigKey & { version: number | string }, void, void, ConfigVersionDetailView>('GET', `${CONFIG}/versions/:version`),
  diffVersions: defineEndpoint<ConfigKey, DiffQuery, void, ConfigDiffView>('GET', `${CONFIG}/diff`),
  rollbackConfig: defineEndpoint<ConfigKey, void, RollbackConfigRequest, ConfigView>('POST', `${CONFIG}/rollback`),
  listListeners: defineEndpoint<ConfigKey, void, void, ConfigListenerView[]>('GET', `${CONFIG}/listeners`),
  // The answer is a zip in Nacos's export layout (application/zip).
  exportConfigs: defineEndpoint<NamespaceParams, ExportQuery, void, ArrayBuffer>('GET', '/api/v1/namespaces/:namespaceId/config-export'),
  // The body is the zip (application/zip).
  importConfigs: defineEndpoint<NamespaceParams, ImportQuery, ArrayBuffer, ImportReport>('POST', '/api/v1/namespaces/:namespaceId/config-import'),
  cloneConfigs: defineEndpoint<NamespaceParams, void, CloneConfigsRequest, ImportReport>('POST', '/api/v1/namespaces/:namespaceId/config-clone'),
} as const;
