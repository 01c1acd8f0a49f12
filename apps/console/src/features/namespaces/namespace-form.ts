import type { FormRule } from 'antd';
import {
  NAMESPACE_RULES,
  type CreateNamespaceRequest,
  type NamespaceView,
  type ReviewPolicyRequest,
  type UpdateNamespaceRequest,
} from '@switchboard/shared';
import type { MessageKey } from '../../i18n/messages.en';
import type { MessageVars, Translate } from '../../i18n/translate';

export const NAMESPACE_FORM_FIELDS = ['namespaceId', 'name', 'description', 'configQuota'] as const;
export type NamespaceFormField = (typeof NAMESPACE_FORM_FIELDS)[number];

export interface NamespaceFormValues {
  namespaceId?: string;
  name?: string;
  description?: string;
  configQuota?: number | null;
  reviewRequired?: boolean; // edit only: the review policy's mode
  minApprovals?: number | null;
}

export interface RuleProblem {
  key: MessageKey;
  vars?: MessageVars;
}

const R = NAMESPACE_RULES;

// The shared NAMESPACE_RULES checked before sending; returns the first broken rule.
export function checkNamespaceField(
  field: NamespaceFormField,
  value: unknown,
): RuleProblem | undefined {
  switch (field) {
    case 'namespaceId': {
      const id = typeof value === 'string' ? value.trim() : '';
      if (id === '') return undefined; // optional: the server generates one
      if (id.length > R.idMaxLength) return { key: 'rule.id.max', vars: { max: R.idMaxLength } };
      return R.idPattern.test(id) ? undefined : { key: 'rule.id.pattern' };
    }
    case 'name': {
      const name = typeof value === 'string' ? value.trim() : '';
      if (name === '') return { key: 'rule.name.required' };
      if (name.length > R.nameMaxLength)
        return { key: 'rule.name.max', vars: { max: R.nameMaxLength } };
      return R.namePattern.test(name) ? undefined : { key: 'rule.name.pattern' };
    }
    case 'description': {
      const text = typeof value === 'string' ? value : '';
      return text.length > R.descriptionMaxLength
        ? { key: 'rule.description.max', vars: { max: R.descriptionMaxLength } }
        : undefined;
    }
    case 'configQuota': {
      if (value === undefined || value === null || value === '') return undefined; // server default
      const ok =
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= R.configQuotaMin &&
        value <= R.configQuotaMax;
      return ok
        ? undefined
        : { key: 'rule.quota.range', vars: { min: R.configQuotaMin, max: R.configQuotaMax } };
    }
  }
}

export function checkNamespaceForm(
  values: NamespaceFormValues,
  fields: readonly NamespaceFormField[],
): Partial<Record<NamespaceFormField, RuleProblem>> {
  const problems: Partial<Record<NamespaceFormField, RuleProblem>> = {};
  for (const field of fields) {
    const problem = checkNamespaceField(field, values[field]);
    if (problem) problems[field] = problem;
  }
  return problems;
}

// antd Form rules backed by checkNamespaceField, so the form and the pure check never disagree.
export function namespaceFieldRules(field: NamespaceFormField, t: Translate): FormRule[] {
  const check: FormRule = {
    validator: async (_rule, value: unknown) => {
      const problem = checkNamespaceField(field, value);
      if (problem) throw new Error(t(problem.key, problem.vars));
    },
  };
  // `required` also marks the field (aria-required); use with Form.Item `validateFirst`.
  return field === 'name'
    ? [{ required: true, whitespace: true, message: t('rule.name.required') }, check]
    : [check];
}

export function toCreateRequest(values: NamespaceFormValues): CreateNamespaceRequest {
  const id = values.namespaceId?.trim();
  return {
    ...(id ? { namespaceId: id } : {}),
    name: (values.name ?? '').trim(),
    description: values.description?.trim() ?? '',
    ...(typeof values.configQuota === 'number' ? { configQuota: values.configQuota } : {}),
  };
}

// Sends only what changed; the built-in namespace's name is never sent (it cannot be renamed).
export function toUpdateRequest(
  values: NamespaceFormValues,
  original: NamespaceView,
): UpdateNamespaceRequest {
  const body: UpdateNamespaceRequest = {};
  const name = values.name?.trim();
  if (!original.builtIn && name !== undefined && name !== original.name) body.name = name;
  const description = values.description?.trim() ?? '';
  if (description !== original.description) body.description = description;
  if (typeof values.configQuota === 'number' && values.configQuota !== original.configQuota)
    body.configQuota = values.configQuota;
  const reviewPolicy = toReviewPolicy(values, original);
  if (reviewPolicy) body.reviewPolicy = reviewPolicy;
  return body;
}

// The review policy when the form changed it (mode, or the approvals a required review needs).
function toReviewPolicy(
  values: NamespaceFormValues,
  original: NamespaceView,
): ReviewPolicyRequest | undefined {
  if (values.reviewRequired === undefined) return undefined; // the form had no review fields
  const mode = values.reviewRequired ? 'required' : 'off';
  const minApprovals =
    typeof values.minApprovals === 'number' ? values.minApprovals : original.reviewPolicy.minApprovals;
  const current = original.reviewPolicy;
  if (mode === current.mode && (mode === 'off' || minApprovals === current.minApprovals))
    return undefined;
  return { mode, minApprovals };
}
