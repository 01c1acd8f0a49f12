import type { FieldViolation } from '../common/api-error';
import type { PageQuery } from '../common/page';

export const CONFIG_TYPES = ['text', 'json', 'yaml', 'properties', 'xml', 'html', 'toml'] as const;
export type ConfigType = (typeof CONFIG_TYPES)[number];

export interface ConfigKey {
  namespaceId: string;
  group: string;
  dataId: string;
}

export type ConfigOp = 'create' | 'update' | 'delete' | 'rollback' | 'canary-promote';

export interface ConfigSummaryView extends ConfigKey {
  md5: string; // lowercase hex MD5 of the UTF-8 content, as Nacos clients compute it
  type: ConfigType;
  appName: string;
  description: string;
  tags: string[];
  version: number; // increases by one with every change
  sizeBytes: number;
  updatedAt: string; // ISO 8601
  updatedBy: string;
}

export interface ConfigView extends ConfigSummaryView {
  content: string;
  schema: string | null; // JSON Schema (text) every publish must satisfy, if attached
  createdAt: string;
  createdBy: string;
  // Present when this content is the candidate of an active canary (the answer for one client).
  canary?: { id: string; revision: number };
}

export interface ConfigVersionView extends ConfigKey {
  version: number;
  op: ConfigOp;
  md5: string;
  type: ConfigType;
  sizeBytes: number;
  author: string;
  sourceIp: string;
  createdAt: string;
}

export interface ConfigVersionDetailView extends ConfigVersionView {
  content: string; // empty for op "delete"
}

export interface ConfigDiffView {
  from: number;
  to: number;
  unifiedDiff: string;
}

export interface PublishConfigRequest {
  content: string;
  type?: ConfigType; // default text
  appName?: string;
  description?: string;
  tags?: string[];
  schema?: string | null; // JSON Schema text; null detaches it; absent keeps the current one
  expectedVersion?: number; // optimistic concurrency: 0 = must not exist yet
}

// A dry run of a publish's content checks (syntax, JSON Schema, size): what the editor shows
// before anything is published.
export interface ValidateConfigRequest {
  content: string;
  type: ConfigType;
  schema?: string | null; // absent: the config's attached schema, if it exists
}

export interface ValidateConfigView {
  valid: boolean;
  violations: FieldViolation[];
}

export interface DeleteConfigQuery {
  expectedVersion?: number;
}

export interface RollbackConfigRequest {
  version: number;
  expectedVersion?: number;
}

export type ConfigSearchMode = 'exact' | 'blur';

export interface ListConfigsQuery extends PageQuery {
  group?: string;
  dataId?: string;
  appName?: string;
  tags?: string; // comma-separated; a config must carry every one
  mode?: ConfigSearchMode; // blur: "*" matches any run of characters; exact by default
}

export type ListVersionsQuery = PageQuery;

export interface DiffQuery {
  from: number;
  to: number;
}

// A client that listens to a config (Nacos long polling, a Nacos gRPC connection or a socket.io
// subscription) and the md5 it last reported, read or was sent.
export interface ConfigListenerView {
  clientId: string;
  clientIp: string;
  transport: 'long-poll' | 'socket' | 'grpc';
  md5: string; // "" when the client holds nothing
  upToDate: boolean;
  lastSeenAt: string;
}

export type ConflictPolicy = 'abort' | 'skip' | 'overwrite';

export interface ImportQuery {
  policy?: ConflictPolicy; // default abort
}

export interface ImportReport {
  policy: ConflictPolicy;
  created: ConfigKey[];
  overwritten: ConfigKey[];
  skipped: ConfigKey[];
  failed: { key: ConfigKey; message: string }[];
  aborted: boolean; // abort policy met a conflict: nothing was written
}

export interface ExportQuery {
  group?: string;
  dataIds?: string; // comma-separated; with group, a selection
}

export interface CloneConfigsRequest {
  targetNamespaceId: string;
  keys?: { group: string; dataId: string }[]; // default: every config of the namespace
  policy?: ConflictPolicy;
}
