import { Form, Select } from 'antd';
import type { BindRoleRequest } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { FormDialog } from '../../../ui/FormDialog';
import { RoleNameField } from './RoleNameField';

export interface BindRoleDialogProps {
  open: boolean;
  roles: string[]; // existing roles to pick from; a new name creates the role
  usernames: string[];
  onSubmit: (body: BindRoleRequest) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = ['role', 'username'] as const;

export function BindRoleDialog({
  open,
  roles,
  usernames,
  onSubmit,
  onCancel,
}: BindRoleDialogProps) {
  const { t } = useI18n();
  return (
    <FormDialog<BindRoleRequest>
      open={open}
      name="bind-form"
      title={t('bindForm.title')}
      okText={t('bindForm.submit')}
      submitTestId="bind-form-submit"
      fields={FIELDS}
      onSubmit={(values) => onSubmit({ role: values.role.trim(), username: values.username })}
      onCancel={onCancel}
    >
      <RoleNameField
        roles={roles}
        label={t('bindForm.role')}
        help={t('bindForm.role.help')}
        testId="bind-form-role"
      />
      <Form.Item
        name="username"
        label={t('bindForm.user')}
        rules={[{ required: true, message: t('rule.user.required') }]}
      >
        <Select
          showSearch
          placeholder={t('bindForm.user.placeholder')}
          options={usernames.map((name) => ({ value: name, label: name }))}
          data-testid="bind-form-user"
        />
      </Form.Item>
    </FormDialog>
  );
}
