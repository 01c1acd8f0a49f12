import { Form, Input, InputNumber } from 'antd';
import {
  DEFAULT_CONFIG_QUOTA,
  NAMESPACE_RULES,
  type CreateNamespaceRequest,
  type NamespaceView,
  type UpdateNamespaceRequest,
} from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { FormDialog } from '../../../ui/FormDialog';
import { ReviewPolicyFields } from './ReviewPolicyFields';
import {
  NAMESPACE_FORM_FIELDS,
  namespaceFieldRules,
  toCreateRequest,
  toUpdateRequest,
  type NamespaceFormValues,
} from '../namespace-form';

export interface NamespaceFormDialogProps {
  open: boolean;
  namespace?: NamespaceView; // present: edit it; absent: create a new one
  onCreate: (body: CreateNamespaceRequest) => Promise<NamespaceView>;
  onUpdate: (namespaceId: string, body: UpdateNamespaceRequest) => Promise<NamespaceView>;
  onDone: (saved: NamespaceView | undefined, mode: 'create' | 'edit') => void;
  onCancel: () => void;
}

export function NamespaceFormDialog({
  open,
  namespace,
  onCreate,
  onUpdate,
  onDone,
  onCancel,
}: NamespaceFormDialogProps) {
  const { t } = useI18n();
  const editing = namespace !== undefined;

  // The form is destroyed on close, so each opening starts from these values.
  const initialValues: NamespaceFormValues = namespace
    ? {
        name: namespace.name,
        description: namespace.description,
        configQuota: namespace.configQuota,
        reviewRequired: namespace.reviewPolicy.mode === 'required',
        minApprovals: namespace.reviewPolicy.minApprovals,
      }
    : { namespaceId: '', name: '', description: '', configQuota: DEFAULT_CONFIG_QUOTA };

  const submit = async (values: NamespaceFormValues) => {
    if (namespace) {
      const body = toUpdateRequest(values, namespace);
      onDone(
        Object.keys(body).length ? await onUpdate(namespace.namespaceId, body) : undefined,
        'edit',
      );
    } else {
      onDone(await onCreate(toCreateRequest(values)), 'create');
    }
  };

  return (
    <FormDialog<NamespaceFormValues>
      open={open}
      name="namespace-form"
      title={editing ? t('form.edit.title', { id: namespace.namespaceId }) : t('form.create.title')}
      okText={editing ? t('form.submit.save') : t('form.submit.create')}
      submitTestId="namespace-form-submit"
      fields={
        editing ? NAMESPACE_FORM_FIELDS.filter((f) => f !== 'namespaceId') : NAMESPACE_FORM_FIELDS
      }
      initialValues={initialValues}
      requiredMark="optional"
      showRequestId
      errorTestId="namespace-form-error"
      onSubmit={submit}
      onCancel={onCancel}
    >
      {!editing && (
        <Form.Item
          name="namespaceId"
          label={t('form.id.label')}
          extra={t('form.id.help')}
          rules={namespaceFieldRules('namespaceId', t)}
        >
          <Input
            placeholder={t('form.id.placeholder')}
            maxLength={NAMESPACE_RULES.idMaxLength}
            autoComplete="off"
            data-testid="namespace-form-id"
            autoFocus
          />
        </Form.Item>
      )}
      <Form.Item
        name="name"
        label={t('form.name.label')}
        rules={namespaceFieldRules('name', t)}
        validateFirst
        extra={namespace?.builtIn ? t('form.name.builtInHelp') : undefined}
      >
        <Input
          placeholder={t('form.name.placeholder')}
          autoComplete="off"
          disabled={namespace?.builtIn}
          data-testid="namespace-form-name"
          autoFocus={editing && !namespace.builtIn}
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('form.description.label')}
        rules={namespaceFieldRules('description', t)}
      >
        <Input.TextArea
          placeholder={t('form.description.placeholder')}
          autoSize={{ minRows: 2, maxRows: 5 }}
          showCount
          maxLength={NAMESPACE_RULES.descriptionMaxLength}
          data-testid="namespace-form-description"
        />
      </Form.Item>
      <Form.Item
        name="configQuota"
        label={t('form.quota.label')}
        extra={t('form.quota.help')}
        rules={namespaceFieldRules('configQuota', t)}
      >
        <InputNumber
          min={NAMESPACE_RULES.configQuotaMin}
          max={NAMESPACE_RULES.configQuotaMax}
          precision={0}
          style={{ width: 200 }}
          data-testid="namespace-form-quota"
        />
      </Form.Item>
      {editing && <ReviewPolicyFields />}
    </FormDialog>
  );
}
