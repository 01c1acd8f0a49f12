import { CONFIG_RULES, CONFIG_RULE_TEXT, CONFIG_TYPES, type ConfigKey, type ConfigType, type FieldViolation } from '@switchboard/shared';
import { fieldViolation } from '../../common/errors/domain-error';

export function checkConfigKey(key: ConfigKey, violations: FieldViolation[]): void {
  if (!key.dataId) violations.push(fieldViolation('dataId', 'required', 'is required'));
  else if (key.dataId.length > CONFIG_RULES.dataIdMaxLength || !CONFIG_RULES.idPattern.test(key.dataId)) {
    violations.push(fieldViolation('dataId', 'pattern', `must be ${CONFIG_RULE_TEXT.dataId}`));
  }
  if (!key.group) violations.push(fieldViolation('group', 'required', 'is required'));
  else if (key.group.length > CONFIG_RULES.groupMaxLength || !CONFIG_RULES.idPattern.test(key.group)) {
    violations.push(fieldViolation('group', 'pattern', `must be ${CONFIG_RULE_TEXT.group}`));
  }
}

export function checkConfigType(type: string, violations: FieldViolation[]): type is ConfigType {
  if ((CONFIG_TYPES as readonly string[]).includes(type)) return true;
  violations.push(fieldViolation('type', 'enum', `must be one of ${CONFIG_TYPES.join(', ')}`));
  return false;
}

export function checkConfigAttributes(
  input: { appName?: string; description?: string; tags?: readonly string[] },
  violations: FieldViolation[],
): void {
  if (input.appName !== undefined && input.appName.length > CONFIG_RULES.appNameMaxLength) {
    violations.push(fieldViolation('appName', 'maxLength', `must be at most ${CONFIG_RULES.appNameMaxLength} characters`));
  }
  if (input.description !== undefined && input.description.length > CONFIG_RULES.descriptionMaxLength) {
    violations.push(fieldViolation('description', 'maxLength', `must be at most ${CONFIG_RULES.descriptionMaxLength} characters`));
  }
  if (input.tags !== undefined && (input.tags.length > CONFIG_RULES.maxTags || !input.tags.every((t) => typeof t === 'string' && CONFIG_RULES.tagPattern.test(t)))) {
    violations.push(fieldViolation('tags', 'pattern', `must be ${CONFIG_RULE_TEXT.tag}`));
  }
}
