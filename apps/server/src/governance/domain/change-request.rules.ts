import { CHANGE_REQUEST_RULES, type ChangeItemRequest, type ConfigKey, type FieldViolation } from '@switchboard/shared';
import { fieldViolation } from '../../common/errors/domain-error';
import { checkPlan, checkTarget } from '../../config-center/canary/domain/canary.rules';
import { checkConfigKey, checkConfigType } from '../../config-center/domain/config.rules';
import type { ChangeItem } from './change-request.record';

const ACTIONS = ['publish', 'delete', 'canary'];

export function checkTitle(title: unknown, violations: FieldViolation[]): void {
  if (typeof title !== 'string' || title.trim().length === 0 || title.length > CHANGE_REQUEST_RULES.titleMaxLength) {
    violations.push(fieldViolation('title', 'length', `must be 1 to ${CHANGE_REQUEST_RULES.titleMaxLength} characters`));
  }
}

export function checkDescription(description: unknown, violations: FieldViolation[]): void {
  if (description !== undefined && (typeof description !== 'string' || description.length > CHANGE_REQUEST_RULES.descriptionMaxLength)) {
    violations.push(fieldViolation('description', 'maxLength', `must be a text of at most ${CHANGE_REQUEST_RULES.descriptionMaxLength} characters`));
  }
}

export function checkComment(body: unknown, violations: FieldViolation[]): void {
  if (typeof body !== 'string' || body.trim().length === 0 || body.length > CHANGE_REQUEST_RULES.commentMaxLength) {
    violations.push(fieldViolation('body', 'length', `must be 1 to ${CHANGE_REQUEST_RULES.commentMaxLength} characters`));
  }
}

// The items of a request, checked field by field (`items[i].field`); the content itself is
// validated against the config's type and schema when the request is opened and when applied.
export function checkItems(namespaceId: string, items: unknown, violations: FieldViolation[]): items is ChangeItemRequest[] {
  if (!Array.isArray(items) || items.length === 0 || items.length > CHANGE_REQUEST_RULES.maxItems) {
    violations.push(fieldViolation('items', 'length', `must list 1 to ${CHANGE_REQUEST_RULES.maxItems} config changes`));
    return false;
  }
  const seen = new Set<string>();
  items.forEach((raw: unknown, i) => {
    const at = `items[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      violations.push(fieldViolation(at, 'type', 'must be an object'));
      return;
    }
    const item = raw as ChangeItemRequest;
    const keyViolations: FieldViolation[] = [];
    checkConfigKey({ namespaceId, group: item.group, dataId: item.dataId } as ConfigKey, keyViolations);
    for (const v of keyViolations) violations.push({ ...v, field: `${at}.${v.field}` });
    const name = `${item.group}/${item.dataId}`;
    if (seen.has(name)) violations.push(fieldViolation(`${at}.dataId`, 'unique', `names ${name} a second time; one change per config`));
    seen.add(name);
    if (!ACTIONS.includes(item.action)) {
      violations.push(fieldViolation(`${at}.action`, 'enum', 'must be publish, delete or canary'));
      return;
    }
    if (item.action !== 'delete' && typeof item.content !== 'string') violations.push(fieldViolation(`${at}.content`, 'required', `is required for ${item.action}`));
    if (item.action === 'delete' && item.content !== undefined) violations.push(fieldViolation(`${at}.content`, 'absent', 'must be absent for delete'));
    if (item.type !== undefined) {
      const typeViolations: FieldViolation[] = [];
      checkConfigType(item.type, typeViolations);
      for (const v of typeViolations) violations.push({ ...v, field: `${at}.type` });
    }
    if (item.baseVersion !== undefined && (!Number.isInteger(item.baseVersion) || item.baseVersion < 0)) violations.push(fieldViolation(`${at}.baseVersion`, 'range', 'must be an integer ≥ 0 (0: the config does not exist yet)'));
    if (item.action === 'canary') {
      checkTarget(`${at}.canary.target`, item.canary?.target, violations);
      checkPlan(`${at}.canary.plan`, item.canary?.plan, violations);
      if (items.length > 1) violations.push(fieldViolation(`${at}.action`, 'alone', 'a canary is a request of its own: it starts alone, then is promoted or aborted'));
    } else if (item.canary !== undefined) {
      violations.push(fieldViolation(`${at}.canary`, 'absent', `must be absent for ${item.action}`));
    }
  });
  return violations.length === 0;
}

// The stored item for a request item, at the given base version.
export function changeItemOf(item: ChangeItemRequest, baseVersion: number): ChangeItem {
  const plan = item.canary?.plan;
  return {
    group: item.group,
    dataId: item.dataId,
    action: item.action,
    content: item.action === 'delete' ? null : (item.content ?? ''),
    type: item.type ?? null,
    canary:
      item.action === 'canary'
        ? {
            target: { ips: [...new Set(item.canary?.target?.ips ?? [])], tags: [...new Set(item.canary?.target?.tags ?? [])], weight: plan ? plan.steps[0].weight : (item.canary?.target?.weight ?? 0) },
            plan: plan ? { steps: plan.steps.map((s) => ({ weight: s.weight, bakeMs: s.bakeMs })), guard: plan.guard ?? null } : null,
          }
        : null,
    baseVersion,
  };
}
