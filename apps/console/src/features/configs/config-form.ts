import type { FormRule } from 'antd';
import {
  CONFIG_RULES as R,
  DEFAULT_GROUP,
  type ConfigKey,
  type ConfigType,
  type PublishConfigRequest,
} from '@switchboard/shared';
import type { MessageKey } from '../../i18n/messages.en';
import type { MessageVars, Translate } from '../../i18n/translate';

export const CONFIG_FORM_FIELDS = ['dataId', 'group', 'type', 'description', 'appName', 'tags'] as const;
export type ConfigFormField = (typeof CONFIG_FORM_FIELDS)[number];

export interface ConfigFormValues {
  dataId?: string;
  group?: string;
  type?: ConfigType;
  description?: string;
  appName?: string;
  tags?: string[];
}

export interface RuleProblem {
  key: MessageKey;
  vars?: MessageVars;
}

// The shared CONFIG_RULES checked before sending; returns the first broken rule.
export function checkConfigField(field: ConfigFormField, value: unknown): RuleProblem | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  switch (field) {
    case 'dataId':
      if (!text) return { key: 'configs.rule.dataId.required' };
      return text.length <= R.dataIdMaxLength && R.idPattern.test(text) ? undefined : { key: 'configs.rule.dataId' };
    case 'group':
      if (!text) return undefined; // DEFAULT_GROUP
      return text.length <= R.groupMaxLength && R.idPattern.test(text) ? undefined : { key: 'configs.rule.group' };
    case 'appName':
      return text.length > R.appNameMaxLength ? { key: 'configs.rule.max', vars: { max: R.appNameMaxLength } } : undefined;
    case 'description':
      return text.length > R.descriptionMaxLength ? { key: 'configs.rule.max', vars: { max: R.descriptionMaxLength } } : undefined;
    case 'tags': {
      const tags = Array.isArray(value) ? (value as unknown[]).map(String) : [];
      if (tags.length > R.maxTags) return { key: 'configs.rule.tags.count', vars: { max: R.maxTags } };
      const bad = tags.find((tag) => !R.tagPattern.test(tag));
      return bad === undefined ? undefined : { key: 'configs.rule.tag', vars: { tag: bad } };
    }
    case 'type':
      return undefined;
  }
}

// antd Form rules backed by checkConfigField, so the form and the pure check never disagree.
export function configFieldRules(field: ConfigFormField, t: Translate): FormRule[] {
  const check: FormRule = {
    validator: async (_rule, value: unknown) => {
      const problem = checkConfigField(field, value);
      if (problem) throw new Error(t(problem.key, problem.vars));
    },
  };
  return field === 'dataId' ? [{ required: true, whitespace: true, message: t('configs.rule.dataId.required') }, check] : [check];
}

export function toConfigKey(namespaceId: string, values: ConfigFormValues): ConfigKey {
  return { namespaceId, group: values.group?.trim() || DEFAULT_GROUP, dataId: (values.dataId ?? '').trim() };
}

// A key good enough to ask the server to check content while the form is still incomplete: the
// validation endpoint needs a well-formed key, and a draft key has no schema of its own.
export function validationKey(namespaceId: string, values: ConfigFormValues): { key: ConfigKey; draft: boolean } {
  const key = toConfigKey(namespaceId, values);
  const usable = !checkConfigField('dataId', key.dataId) && !checkConfigField('group', key.group);
  return usable ? { key, draft: false } : { key: { namespaceId, group: DEFAULT_GROUP, dataId: 'draft' }, draft: true };
}

export function toCreateRequest(values: ConfigFormValues, content: string, type: ConfigType): PublishConfigRequest {
  return {
    content,
    type,
    appName: values.appName?.trim() ?? '',
    description: values.description?.trim() ?? '',
    tags: [...new Set((values.tags ?? []).map((tag) => tag.trim()).filter(Boolean))],
    expectedVersion: 0,
  };
}
