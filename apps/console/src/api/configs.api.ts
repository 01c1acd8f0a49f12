import {
  CONFIG_CENTER_ENDPOINTS as E,
  type CloneConfigsRequest,
  type ConfigKey,
  type ConflictPolicy,
  type ExportQuery,
  type ImportReport,
  type ListConfigsQuery,
  type ListVersionsQuery,
  type PublishConfigRequest,
  type RollbackConfigRequest,
  type ValidateConfigRequest,
} from '@switchboard/shared';
import { callEndpoint, callEndpointRaw } from './http-client';

const keyParams = ({ namespaceId, group, dataId }: ConfigKey) => ({ namespaceId, group, dataId });

export const listConfigs = (namespaceId: string, query: ListConfigsQuery, signal?: AbortSignal) =>
  callEndpoint(E.listConfigs, { params: { namespaceId }, query, signal });

export const getConfig = (key: ConfigKey, signal?: AbortSignal) =>
  callEndpoint(E.getConfig, { params: keyParams(key), signal });

export const publishConfig = (key: ConfigKey, body: PublishConfigRequest) =>
  callEndpoint(E.publishConfig, { params: keyParams(key), body });

export const deleteConfig = (key: ConfigKey, expectedVersion?: number) =>
  callEndpoint(E.deleteConfig, { params: keyParams(key), query: { expectedVersion } });

export const listVersions = (key: ConfigKey, query: ListVersionsQuery, signal?: AbortSignal) =>
  callEndpoint(E.listVersions, { params: keyParams(key), query, signal });

export const getVersion = (key: ConfigKey, version: number, signal?: AbortSignal) =>
  callEndpoint(E.getVersion, { params: { ...keyParams(key), version }, signal });

export const validateConfig = (key: ConfigKey, body: ValidateConfigRequest, signal?: AbortSignal) =>
  callEndpoint(E.validateConfig, { params: keyParams(key), body, signal });

export const rollbackConfig = (key: ConfigKey, body: RollbackConfigRequest) =>
  callEndpoint(E.rollbackConfig, { params: keyParams(key), body });

export const listListeners = (key: ConfigKey, signal?: AbortSignal) =>
  callEndpoint(E.listListeners, { params: keyParams(key), signal });

export const cloneConfigs = (namespaceId: string, body: CloneConfigsRequest) =>
  callEndpoint(E.cloneConfigs, { params: { namespaceId }, body });

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

// Export and import carry a zip, not JSON.
export async function exportConfigs(namespaceId: string, query: ExportQuery): Promise<DownloadedFile> {
  const response = await callEndpointRaw(E.exportConfigs, { params: { namespaceId }, query: { ...query }, headers: { accept: 'application/zip' } });
  return {
    blob: await response.blob(),
    fileName: attachmentName(response.headers.get('content-disposition')) ?? `${namespaceId}-configs.zip`,
  };
}

export async function importConfigs(namespaceId: string, zip: Blob, policy: ConflictPolicy): Promise<ImportReport> {
  const response = await callEndpointRaw(E.importConfigs, {
    params: { namespaceId },
    query: { policy },
    headers: { accept: 'application/json', 'content-type': 'application/zip' },
    body: zip,
  });
  return (await response.json()) as ImportReport;
}

// `attachment; filename="dev-configs.zip"` → dev-configs.zip
export function attachmentName(header: string | null): string | undefined {
  const match = header?.match(/filename="?([^";]+)"?/i);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
