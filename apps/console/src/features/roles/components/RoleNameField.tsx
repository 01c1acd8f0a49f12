import { AutoComplete, Form } from 'antd';
import type { ReactNode } from 'react';
import { ROLE_RULES } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

export interface RoleNameFieldProps {
  roles: string[]; // existing roles to pick from; a new name is allowed
  label: ReactNode;
  help: ReactNode;
  testId: string;
}

// The `role` form item: pick an existing role or type a new name.
export function RoleNameField({ roles, label, help, testId }: RoleNameFieldProps) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="role"
      label={label}
      extra={help}
      validateFirst
      rules={[
        { required: true, whitespace: true, message: t('rule.role.required') },
        { pattern: ROLE_RULES.pattern, message: t('rule.role.pattern') },
      ]}
    >
      <AutoComplete
        options={roles.map((role) => ({ value: role }))}
        placeholder={t('bindForm.role.placeholder')}
        filterOption={(input, option) =>
          String(option?.value ?? '')
            .toLowerCase()
            .includes(input.toLowerCase())
        }
        data-testid={testId}
      />
    </Form.Item>
  );
}
