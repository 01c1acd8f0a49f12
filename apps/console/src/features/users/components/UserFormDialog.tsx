import { Form, Input } from 'antd';
import { PASSWORD_RULES } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { FormDialog } from '../../../ui/FormDialog';
import { confirmRules, passwordRules, USER_FORM_FIELDS, usernameRules } from '../user-form';

interface UserFormValues {
  username?: string;
  password: string;
  confirm: string;
}

export interface UserFormDialogProps {
  open: boolean;
  resetFor?: string; // a user name: reset their password; absent: create a user
  onSubmit: (username: string, password: string) => Promise<void>;
  onCancel: () => void;
}

// Creates a user, or sets a new password for one.
export function UserFormDialog({ open, resetFor, onSubmit, onCancel }: UserFormDialogProps) {
  const { t } = useI18n();
  const creating = resetFor === undefined;
  const { minLength: min, maxLength: max } = PASSWORD_RULES;
  return (
    <FormDialog<UserFormValues>
      open={open}
      name="user-form"
      title={creating ? t('userForm.create.title') : t('userForm.reset.title', { name: resetFor })}
      okText={creating ? t('userForm.submit.create') : t('userForm.submit.reset')}
      submitTestId="user-form-submit"
      fields={USER_FORM_FIELDS}
      onSubmit={(values) => onSubmit(resetFor ?? (values.username ?? '').trim(), values.password)}
      onCancel={onCancel}
    >
      {creating && (
        <Form.Item
          name="username"
          label={t('userForm.username')}
          extra={t('userForm.username.help')}
          rules={usernameRules(t)}
          validateFirst
        >
          <Input autoComplete="off" autoFocus data-testid="user-form-username" />
        </Form.Item>
      )}
      <Form.Item
        name="password"
        label={creating ? t('userForm.password') : t('userForm.newPassword')}
        extra={t('userForm.password.help', { min, max })}
        rules={passwordRules(t)}
        validateFirst
      >
        <Input.Password
          autoComplete="new-password"
          autoFocus={!creating}
          data-testid="user-form-password"
        />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('userForm.confirm')}
        dependencies={['password']}
        rules={confirmRules(t)}
        validateFirst
      >
        <Input.Password autoComplete="new-password" data-testid="user-form-confirm" />
      </Form.Item>
    </FormDialog>
  );
}
