import { isIP } from 'node:net';
import { NAMING_RULES, NAMING_RULE_TEXT, type ClusterView, type FieldViolation } from '@switchboard/shared';
import { fieldViolation } from '../../common/errors/domain-error';

const HOST_NAME = /^(?=.{1,128}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function checkName(field: string, value: string | undefined, violations: FieldViolation[]): void {
  if (value === undefined || value.length === 0) violations.push(fieldViolation(field, 'required', 'is required'));
  else if (value.length > NAMING_RULES.nameMaxLength || !NAMING_RULES.namePattern.test(value)) {
    violations.push(fieldViolation(field, 'pattern', `must be ${NAMING_RULE_TEXT.name}`));
  }
}

export function checkCluster(field: string, value: string, violations: FieldViolation[]): void {
  if (value.length > NAMING_RULES.clusterMaxLength || !NAMING_RULES.clusterPattern.test(value)) {
    violations.push(fieldViolation(field, 'pattern', `must be ${NAMING_RULE_TEXT.cluster}`));
  }
}

export function checkIp(field: string, value: string | undefined, violations: FieldViolation[]): void {
  if (value === undefined || value.length === 0) violations.push(fieldViolation(field, 'required', 'is required'));
  else if (isIP(value) === 0 && !HOST_NAME.test(value)) violations.push(fieldViolation(field, 'format', `must be ${NAMING_RULE_TEXT.ip}`));
}

export function checkPort(field: string, value: number | undefined, violations: FieldViolation[]): void {
  if (value === undefined || Number.isNaN(value)) violations.push(fieldViolation(field, 'required', 'is required'));
  else if (!Number.isInteger(value) || value < 1 || value > 65535) violations.push(fieldViolation(field, 'range', `must be ${NAMING_RULE_TEXT.port}`));
}

export function checkWeight(field: string, value: number | undefined, violations: FieldViolation[]): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < NAMING_RULES.weightMin || value > NAMING_RULES.weightMax) {
    violations.push(fieldViolation(field, 'range', `must be ${NAMING_RULE_TEXT.weight}`));
  }
}

export function checkProtectThreshold(field: string, value: number | undefined, violations: FieldViolation[]): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0 || value > 1) violations.push(fieldViolation(field, 'range', `must be ${NAMING_RULE_TEXT.protectThreshold}`));
}

export function checkTags(field: string, value: readonly string[] | undefined, violations: FieldViolation[]): void {
  if (value === undefined) return;
  if (value.length > NAMING_RULES.maxTags || !value.every((tag) => typeof tag === 'string' && NAMING_RULES.tagPattern.test(tag))) {
    violations.push(fieldViolation(field, 'pattern', `must be ${NAMING_RULE_TEXT.tag}`));
  }
}

export function checkMetadata(field: string, value: Readonly<Record<string, unknown>> | undefined, violations: FieldViolation[]): void {
  if (value === undefined) return;
  const entries = Object.entries(value);
  if (entries.length > NAMING_RULES.maxMetadataEntries) {
    violations.push(fieldViolation(field, 'maxItems', `must have at most ${NAMING_RULES.maxMetadataEntries} entries (${NAMING_RULE_TEXT.metadata})`));
    return;
  }
  const ok = entries.every(
    ([k, v]) => k.length > 0 && k.length <= NAMING_RULES.metadataKeyMaxLength && typeof v === 'string' && v.length <= NAMING_RULES.metadataValueMaxLength,
  );
  if (!ok) {
    violations.push(fieldViolation(field, 'format', `must be ${NAMING_RULE_TEXT.metadata}`));
    return;
  }
  let bytes = 0;
  for (const [k, v] of entries) bytes += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v as string, 'utf8');
  if (bytes > NAMING_RULES.metadataMaxBytes) {
    violations.push(fieldViolation(field, 'maxBytes', `must be at most ${NAMING_RULES.metadataMaxBytes} bytes (UTF-8, keys and values together), got ${bytes}`));
  }
}

export function checkClusters(field: string, clusters: readonly ClusterView[] | undefined, violations: FieldViolation[]): void {
  if (clusters === undefined) return;
  clusters.forEach((cluster, i) => {
    checkCluster(`${field}[${i}].name`, cluster.name, violations);
    const hc = cluster.healthCheck;
    if (!hc || !['TCP', 'HTTP', 'NONE'].includes(hc.type)) violations.push(fieldViolation(`${field}[${i}].healthCheck.type`, 'enum', 'must be TCP, HTTP or NONE'));
    if (hc?.port !== undefined) checkPort(`${field}[${i}].healthCheck.port`, hc.port, violations);
    if (hc?.path !== undefined && !hc.path.startsWith('/')) violations.push(fieldViolation(`${field}[${i}].healthCheck.path`, 'pattern', 'must start with "/"'));
    checkMetadata(`${field}[${i}].metadata`, cluster.metadata, violations);
  });
}

// Tags are a set: trimmed, unique, in first-seen order.
export function normaliseTags(tags: readonly string[] | undefined): string[] {
  return tags ? [...new Set(tags.map((t) => t.trim()).filter(Boolean))] : [];
}
