import type { FormRule } from 'antd';
import { PASSWORD_RULES, USERNAME_RULES } from '@switchboard/shared';
import type { MessageKey } from '../../i18n/messages.en';
import type { MessageVars, Translate } from '../../i18n/translate';

export const USER_FORM_FIELDS = ['username', 'password', 'confirm'] as const;

export interface RuleProblem {
  key: MessageKey;
  vars?: MessageVars;
}

// The shared USERNAME_RULES / PASSWORD_RULES, checked before sending.
export function checkUsername(value: unknown): RuleProblem | undefined {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '') return { key: 'rule.username.required' };
  return USERNAME_RULES.pattern.test(name) ? undefined : { key: 'rule.username.pattern' };
}

export function checkPassword(value: unknown): RuleProblem | undefined {
  const password = typeof value === 'string' ? value : '';
  if (password === '') return { key: 'rule.password.required' };
  const { minLength: min, maxLength: max } = PASSWORD_RULES;
  return password.length < min || password.length > max
    ? { key: 'rule.password.length', vars: { min, max } }
    : undefined;
}

const fromCheck =
  (check: (value: unknown) => RuleProblem | undefined, t: Translate): FormRule =>
  () => ({
    validator: async (_rule, value: unknown) => {
      const problem = check(value);
      if (problem) throw new Error(t(problem.key, problem.vars));
    },
  });

export const usernameRules = (t: Translate): FormRule[] => [
  { required: true, message: t('rule.username.required') },
  fromCheck(checkUsername, t),
];

export const passwordRules = (t: Translate): FormRule[] => [
  { required: true, message: t('rule.password.required') },
  fromCheck(checkPassword, t),
];

// The repeated password must match the `password` field.
export const confirmRules = (t: Translate): FormRule[] => [
  { required: true, message: t('rule.password.required') },
  ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (value && value !== getFieldValue('password')) throw new Error(t('rule.confirm.mismatch'));
    },
  }),
];
