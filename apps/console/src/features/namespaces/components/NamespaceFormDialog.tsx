import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import {
  DEFAULT_CONFIG_QUOTA,
  NAMESPACE_RULES,
  type CreateNamespaceRequest,
  type NamespaceView,
  type UpdateNamespaceRequest,
} from '@switchboard/shared';
import { formErrors } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
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
  const [form] = Form.useForm<NamespaceFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [summary, setSummary] = useState<string>();
  const editing = namespace !== undefined;

  useEffect(() => {
    if (open) setSummary(undefined);
  }, [open]);

  // The form is destroyed on close, so each opening starts from these values.
  const initialValues: NamespaceFormValues = namespace
    ? {
        name: namespace.name,
        description: namespace.description,
        configQuota: namespace.configQuota,
      }
    : { namespaceId: '', name: '', description: '', configQuota: DEFAULT_CONFIG_QUOTA };

  const submit = async (values: NamespaceFormValues) => {
    setSubmitting(true);
    setSummary(undefined);
    try {
      if (namespace) {
        const body = toUpdateRequest(values, namespace);
        onDone(
          Object.keys(body).length ? await onUpdate(namespace.namespaceId, body) : undefined,
          'edit',
        );
      } else {
        onDone(await onCreate(toCreateRequest(values)), 'create');
      }
    } catch (error) {
      // Server-side rejections go on the field they concern, the rest above the form.
      const display = formErrors(
        error,
        t,
        editing ? NAMESPACE_FORM_FIELDS.filter((f) => f !== 'namespaceId') : NAMESPACE_FORM_FIELDS,
      );
      form.setFields(display.fields);
      const requestId = display.requestId
        ? ` ${t('error.requestId', { id: display.requestId })}`
        : '';
      setSummary(display.summary ? `${display.summary}${requestId}` : undefined);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('form.edit.title', { id: namespace.namespaceId }) : t('form.create.title')}
      okText={editing ? t('form.submit.save') : t('form.submit.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'namespace-form-submit' }}
      confirmLoading={submitting}
      onCancel={onCancel}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<NamespaceFormValues>
          form={form}
          name="namespace-form"
          layout="vertical"
          requiredMark="optional"
          initialValues={initialValues}
          clearOnDestroy
          onFinish={submit}
          disabled={submitting}
        >
          {dom}
        </Form>
      )}
    >
      {summary && (
        <Alert
          type="error"
          showIcon
          title={summary}
          style={{ marginBottom: 16 }}
          data-testid="namespace-form-error"
        />
      )}
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
    </Modal>
  );
}
