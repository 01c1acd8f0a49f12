import { Form, Radio, Select } from 'antd';
import {
  ALL_NAMESPACES,
  type GrantPermissionRequest,
  type NamespaceView,
} from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { FormDialog } from '../../../ui/FormDialog';
import { RoleNameField } from '../../roles/components/RoleNameField';

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
  return (
    <FormDialog<GrantPermissionRequest>
      open={open}
      name="grant-form"
      title={t('grantForm.title')}
      okText={t('grantForm.submit')}
      submitTestId="grant-form-submit"
      fields={FIELDS}
      initialValues={{ action: 'read' }}
      onSubmit={(values) => onSubmit({ ...values, role: values.role.trim() })}
      onCancel={onCancel}
    >
      <RoleNameField
        roles={roles}
        label={t('grantForm.role')}
        help={t('grantForm.role.help')}
        testId="grant-form-role"
      />
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
            { value: 'review', label: t('permissions.action.review') },
          ]}
        />
      </Form.Item>
    </FormDialog>
  );
}
