import { DEFAULT_NAMESPACE_ID, NAMESPACE_RULES, NAMESPACE_RULE_TEXT, type FieldViolation } from '@switchboard/shared';
import { fieldViolation } from '../../common/errors/domain-error';

export interface NamespaceInput {
  namespaceId?: string;
  name?: string;
  description?: string;
  configQuota?: number;
}

export function isBuiltInNamespace(namespaceId: string): boolean {
  return namespaceId === DEFAULT_NAMESPACE_ID;
}

// Pure checks shared by every transport; field names are those of our own API.
export function checkNamespaceInput(input: NamespaceInput, mode: 'create' | 'update'): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const { namespaceId, name, description, configQuota } = input;
  if (namespaceId !== undefined && (namespaceId.length > NAMESPACE_RULES.idMaxLength || !NAMESPACE_RULES.idPattern.test(namespaceId))) {
    violations.push(fieldViolation('namespaceId', 'pattern', `must be ${NAMESPACE_RULE_TEXT.id}`));
  }
  if (name === undefined) {
    if (mode === 'create') violations.push(fieldViolation('name', 'required', 'is required'));
  } else if (name.trim().length === 0 || name.length > NAMESPACE_RULES.nameMaxLength || !NAMESPACE_RULES.namePattern.test(name)) {
    violations.push(fieldViolation('name', 'pattern', `must be ${NAMESPACE_RULE_TEXT.name}`));
  }
  if (description !== undefined && description.length > NAMESPACE_RULES.descriptionMaxLength) {
    violations.push(fieldViolation('description', 'maxLength', `must be ${NAMESPACE_RULE_TEXT.description}`));
  }
  if (
    configQuota !== undefined &&
    (!Number.isInteger(configQuota) || configQuota < NAMESPACE_RULES.configQuotaMin || configQuota > NAMESPACE_RULES.configQuotaMax)
  ) {
    violations.push(fieldViolation('configQuota', 'range', `must be ${NAMESPACE_RULE_TEXT.configQuota}`));
  }
  return violations;
}
