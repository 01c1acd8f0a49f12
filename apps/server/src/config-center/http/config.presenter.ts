import type { ConfigListenerView, ConfigSummaryView, ConfigVersionDetailView, ConfigVersionView, ConfigView } from '@switchboard/shared';
import type { ListenerEntry } from '../config-listeners';
import type { VersionSummary } from '../config.repository';
import type { ConfigVersionEntity } from '../domain/config-version.entity';
import type { ConfigRecord } from '../domain/config-record';

// The only place config views are built (our REST API and the socket.io topics).
export function presentConfigSummary(record: ConfigRecord): ConfigSummaryView {
  return {
    ...record.key,
    md5: record.md5,
    type: record.type,
    appName: record.appName,
    description: record.description,
    tags: [...record.tags],
    version: record.version,
    sizeBytes: record.sizeBytes,
    updatedAt: new Date(record.updatedAtMs).toISOString(),
    updatedBy: record.updatedBy,
  };
}

export function presentConfig(record: ConfigRecord): ConfigView {
  return {
    ...presentConfigSummary(record),
    content: record.content,
    schema: record.schema,
    createdAt: new Date(record.createdAtMs).toISOString(),
    createdBy: record.createdBy,
  };
}

export function presentVersion(row: VersionSummary): ConfigVersionView {
  return {
    namespaceId: row.namespaceId,
    group: row.group,
    dataId: row.dataId,
    version: row.version,
    op: row.op,
    md5: row.md5,
    type: row.type,
    sizeBytes: row.sizeBytes,
    author: row.author,
    sourceIp: row.sourceIp,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentVersionDetail(row: ConfigVersionEntity): ConfigVersionDetailView {
  return { ...presentVersion(row), content: row.content };
}

export function presentListener(entry: ListenerEntry, currentMd5: string): ConfigListenerView {
  return {
    clientId: entry.clientId,
    clientIp: entry.clientIp,
    transport: entry.transport,
    md5: entry.md5,
    upToDate: entry.md5 === currentMd5,
    lastSeenAt: new Date(entry.lastSeenMs).toISOString(),
  };
}
