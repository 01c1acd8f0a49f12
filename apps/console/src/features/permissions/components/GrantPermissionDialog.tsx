import { Alert, AutoComplete, Form, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import {
  ALL_NAMESPACES,
  ROLE_RULES,
  type GrantPermissionRequest,
  type NamespaceView,
} from '@switchboard/shared';
import { formErrors } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';

export interface GrantPermissionDialogProps {
  open: boolean;
  roles: string[];
  namespaces: NamespaceView[];
  onSubmit: (body: GrantPermissionRequest) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = ['role', 'namespaceId', 'action'] as const;

export function GrantPermissionDialog({
  open,
  roles,
  namespaces,
  onSubmit,
  onCancel,
}: GrantPermissionDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<GrantPermissionRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [summary, setSummary] = useState<string>();

  const submit = async (values: GrantPermissionRequest) => {
    setSubmitting(true);
    setSummary(undefined);
    try {
      await onSubmit({ ...values, role: values.role.trim() });
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
      title={t('grantForm.title')}
      okText={t('grantForm.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'grant-form-submit' }}
      confirmLoading={submitting}
      onCancel={onCancel}
      afterClose={() => setSummary(undefined)}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<GrantPermissionRequest>
          form={form}
          name="grant-form"
          layout="vertical"
          initialValues={{ action: 'read' }}
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
        label={t('grantForm.role')}
        extra={t('grantForm.role.help')}
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
          data-testid="grant-form-role"
        />
      </Form.Item>
      <Form.Item
        name="namespaceId"
        label={t('grantForm.namespace')}
        rules={[{ required: true, message: t('rule.namespace.required') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          placeholder={t('grantForm.namespace.placeholder')}
          options={[
            { value: ALL_NAMESPACES, label: t('permissions.allNamespaces') },
            ...namespaces.map((ns) => ({
              value: ns.namespaceId,
              label:
                ns.name && ns.name !== ns.namespaceId
                  ? `${ns.namespaceId} (${ns.name})`
                  : ns.namespaceId,
            })),
          ]}
          data-testid="grant-form-namespace"
        />
      </Form.Item>
      <Form.Item name="action" label={t('grantForm.action')} extra={t('grantForm.action.help')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'read', label: t('permissions.action.read') },
            { value: 'write', label: t('permissions.action.write') },
          ]}
        />
      </Form.Item>
    </Modal>
  );
}
