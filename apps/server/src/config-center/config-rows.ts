import type { ConfigOp } from '@switchboard/shared';
import { authorOf, type Actor } from '../identity/actor';
import type { ConfigRecord } from './domain/config-record';
import { ConfigVersionEntity } from './domain/config-version.entity';
import { ConfigEntity } from './domain/config.entity';

// What a change adds to the history beyond the new head: how it was made and by whom.
export interface ConfigChange {
  readonly op: ConfigOp;
  readonly actor: Actor;
}

export function configRecordOf(row: ConfigEntity): ConfigRecord {
  return {
    key: { namespaceId: row.namespaceId, group: row.group, dataId: row.dataId },
    content: row.content,
    md5: row.md5,
    // The head row has no size column: the size is the content's.
    sizeBytes: Buffer.byteLength(row.content, 'utf8'),
    type: row.type,
    appName: row.appName,
    description: row.description,
    tags: row.tags,
    schema: row.schema,
    version: row.version,
    deleted: row.deleted,
    createdAtMs: row.createdAt.getTime(),
    createdBy: row.createdBy,
    updatedAtMs: row.updatedAt.getTime(),
    updatedBy: row.updatedBy,
  };
}

// Entities are filled field by field: spreading the key into a literal with more fields costs
// V8 a new hidden class per object (about 1 µs per added field), on every publish.
function fillSharedColumns<T extends ConfigEntity | ConfigVersionEntity>(entity: T, record: ConfigRecord): T {
  entity.namespaceId = record.key.namespaceId;
  entity.group = record.key.group;
  entity.dataId = record.key.dataId;
  entity.version = record.version;
  entity.content = record.content;
  entity.md5 = record.md5;
  entity.type = record.type;
  entity.appName = record.appName;
  return entity;
}

export function headRowOf(record: ConfigRecord): ConfigEntity {
  const entity = fillSharedColumns(new ConfigEntity(), record);
  entity.description = record.description;
  entity.tags = [...record.tags];
  entity.schema = record.schema;
  entity.deleted = record.deleted;
  entity.createdAt = new Date(record.createdAtMs);
  entity.createdBy = record.createdBy;
  entity.updatedAt = new Date(record.updatedAtMs);
  entity.updatedBy = record.updatedBy;
  return entity;
}

// The history row of the change that made `record` the head (dated when the head was updated).
export function versionRowOf(record: ConfigRecord, change: ConfigChange): ConfigVersionEntity {
  const entity = fillSharedColumns(new ConfigVersionEntity(), record);
  entity.op = change.op;
  entity.sizeBytes = record.sizeBytes;
  entity.author = authorOf(change.actor);
  entity.sourceIp = change.actor.sourceIp;
  entity.createdAt = new Date(record.updatedAtMs);
  return entity;
}
