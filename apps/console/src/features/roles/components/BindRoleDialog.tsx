import { Alert, AutoComplete, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { ROLE_RULES, type BindRoleRequest } from '@switchboard/shared';
import { formErrors } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';

export interface BindRoleDialogProps {
  open: boolean;
  roles: string[]; // existing roles to pick from; a new name creates the role
  usernames: string[];
  onSubmit: (body: BindRoleRequest) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = ['role', 'username'] as const;

export function BindRoleDialog({ open, roles, usernames, onSubmit, onCancel }: BindRoleDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<BindRoleRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [summary, setSummary] = useState<string>();

  const submit = async (values: BindRoleRequest) => {
    setSubmitting(true);
    setSummary(undefined);
    try {
      await onSubmit({ role: values.role.trim(), username: values.username });
    } catch (error) {
      const display = formErrors(error, t, FIELDS);
      form.setFields(display.fields);
      setSummary(display.summary);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('bindForm.title')}
      okText={t('bindForm.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'bind-form-submit' }}
      confirmLoading={submitting}
      onCancel={onCancel}
      afterClose={() => setSummary(undefined)}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<BindRoleRequest>
          form={form}
          name="bind-form"
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
      <Form.Item
        name="role"
        label={t('bindForm.role')}
        extra={t('bindForm.role.help')}
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
            String(option?.value ?? '').toLowerCase().includes(input.toLowerCase())
          }
          data-testid="bind-form-role"
        />
      </Form.Item>
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
    </Modal>
  );
}
