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
  checkTags(input.tags, violations);
}

// Tags of a config, and the tag filters of a search: at most CONFIG_RULES.maxTags, each a tag.
function checkTags(tags: readonly string[] | undefined, violations: FieldViolation[]): void {
  if (tags !== undefined && (tags.length > CONFIG_RULES.maxTags || !tags.every((t) => typeof t === 'string' && CONFIG_RULES.tagPattern.test(t)))) {
    violations.push(fieldViolation('tags', 'pattern', `must be ${CONFIG_RULE_TEXT.tag}`));
  }
}

// A search's patterns and tag filters, bounded whatever the transport: the work of a search grows
// with the pattern's length and its "*"s, for every config of the namespace.
export function checkSearchFilters(
  input: { group?: string; dataId?: string; appName?: string; tags?: readonly string[] },
  violations: FieldViolation[],
): void {
  for (const field of ['dataId', 'group', 'appName'] as const) {
    const pattern = input[field];
    if (pattern === undefined) continue;
    if (pattern.length > CONFIG_RULES.searchPatternMaxLength) {
      violations.push(fieldViolation(field, 'maxLength', `must be at most ${CONFIG_RULES.searchPatternMaxLength} characters in a search`));
    } else if (countWildcards(pattern) > CONFIG_RULES.searchMaxWildcards) {
      violations.push(fieldViolation(field, 'maxWildcards', `must hold at most ${CONFIG_RULES.searchMaxWildcards} "*" in a search`));
    }
  }
  checkTags(input.tags, violations);
}

function countWildcards(pattern: string): number {
  let count = 0;
  for (let i = pattern.indexOf('*'); i >= 0; i = pattern.indexOf('*', i + 1)) count++;
  return count;
}
