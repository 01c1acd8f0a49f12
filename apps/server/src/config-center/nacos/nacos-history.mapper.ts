// Nacos ConfigHistoryInfo from our version rows: id/nid is the version number (unique within a
// config); opType I (create), U (update, rollback, canary promote), D (delete).
import type { ConfigOp } from '@switchboard/shared';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { requiredParam, type NacosParamMap } from '../../common/nacos/nacos-params';
import type { VersionSummary } from '../config.repository';
import type { ConfigVersionEntity } from '../domain/config-version.entity';

const OP_TYPES: Record<ConfigOp, string> = { create: 'I', update: 'U', rollback: 'U', 'canary-promote': 'U', delete: 'D' };

export function toNacosHistory(row: VersionSummary | ConfigVersionEntity, tenant: string): Record<string, unknown> {
  return {
    id: String(row.version),
    lastId: -1,
    dataId: row.dataId,
    group: row.group,
    tenant,
    appName: row.appName,
    md5: row.md5,
    content: 'content' in row ? row.content : undefined,
    srcIp: row.sourceIp,
    srcUser: row.author,
    opType: OP_TYPES[row.op],
    publishType: 'formal',
    createdTime: row.createdAt.toISOString(),
    lastModifiedTime: row.createdAt.toISOString(),
  };
}

// v3 ConfigHistoryBasicInfo, and ConfigHistoryDetailInfo when the row carries its content.
export function toNacosHistoryV3(row: VersionSummary | ConfigVersionEntity): Record<string, unknown> {
  const at = row.createdAt.getTime();
  const basic = {
    id: String(row.version),
    namespaceId: row.namespaceId,
    groupName: row.group,
    dataId: row.dataId,
    md5: row.md5,
    type: row.type,
    appName: row.appName,
    createTime: at,
    modifyTime: at,
    srcIp: row.sourceIp,
    srcUser: row.author,
    opType: OP_TYPES[row.op],
    publishType: 'formal',
  };
  const content = (row as Partial<ConfigVersionEntity>).content;
  return typeof content === 'string' ? { ...basic, content, encryptedDataKey: '', grayName: null, extInfo: null, schema: null } : basic;
}

// A history entry's number (`nid`, `id`): our version numbers, unique per config.
export function versionParam(params: NacosParamMap, name: string): number {
  const value = Number(requiredParam(params, name));
  if (!Number.isInteger(value) || value < 1) throw validationFailed([fieldViolation(name, 'type', 'must be a positive integer')]);
  return value;
}
