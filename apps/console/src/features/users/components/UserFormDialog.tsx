import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { PASSWORD_RULES } from '@switchboard/shared';
import { formErrors } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
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
  const [form] = Form.useForm<UserFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [summary, setSummary] = useState<string>();
  const creating = resetFor === undefined;

  const submit = async (values: UserFormValues) => {
    setSubmitting(true);
    setSummary(undefined);
    try {
      await onSubmit(resetFor ?? (values.username ?? '').trim(), values.password);
    } catch (error) {
      const display = formErrors(error, t, USER_FORM_FIELDS);
      form.setFields(display.fields);
      setSummary(display.summary);
    } finally {
      setSubmitting(false);
    }
  };

  const { minLength: min, maxLength: max } = PASSWORD_RULES;
  return (
    <Modal
      open={open}
      title={creating ? t('userForm.create.title') : t('userForm.reset.title', { name: resetFor })}
      okText={creating ? t('userForm.submit.create') : t('userForm.submit.reset')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'user-form-submit' }}
      confirmLoading={submitting}
      onCancel={onCancel}
      afterClose={() => setSummary(undefined)}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<UserFormValues>
          form={form}
          name="user-form"
          layout="vertical"
          clearOnDestroy
          onFinish={submit}
          disabled={submitting}
        >
          {dom}
        </Form>
      )}
    >
      {summary && <Alert type="error" showIcon title={summary} style={{ marginBottom: 16 }} />}
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
    </Modal>
  );
}
