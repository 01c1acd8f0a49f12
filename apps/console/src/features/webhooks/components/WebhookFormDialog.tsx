import { Checkbox, Form, Input, Select, Switch } from 'antd';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_RULES,
  type CreateWebhookRequest,
  type NamespaceView,
  type WebhookEventType,
  type WebhookView,
} from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { FormDialog } from '../../../ui/FormDialog';

interface WebhookFormValues {
  name: string;
  url: string;
  events: WebhookEventType[];
  namespaceId: string; // '' = every namespace
  enabled: boolean;
  rotateSecret?: boolean;
}

export interface WebhookFormDialogProps {
  open: boolean;
  editing?: WebhookView; // absent: a new hook
  namespaces: readonly NamespaceView[];
  onSubmit: (body: CreateWebhookRequest & { rotateSecret?: boolean }) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = ['name', 'url', 'events', 'namespaceId', 'enabled'] as const;
const ALL = '';

// The same rule the server applies (it stays the judge): http or https, no credentials.
export function isAcceptableUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !!url.hostname;
  } catch {
    return false;
  }
}

export function WebhookFormDialog({ open, editing, namespaces, onSubmit, onCancel }: WebhookFormDialogProps) {
  const { t } = useI18n();
  return (
    <FormDialog<WebhookFormValues>
      open={open}
      name="webhook-form"
      width={620}
      title={editing ? t('webhookForm.title.edit', { name: editing.name }) : t('webhookForm.title.create')}
      okText={editing ? t('webhookForm.submit.edit') : t('webhookForm.submit.create')}
      submitTestId="webhook-form-submit"
      fields={FIELDS}
      initialValues={
        editing
          ? { name: editing.name, url: editing.url, events: editing.events, namespaceId: editing.namespaceId ?? ALL, enabled: editing.enabled }
          : { name: '', url: '', events: ['config.published'], namespaceId: ALL, enabled: true }
      }
      onSubmit={({ name, url, events, namespaceId, enabled, rotateSecret }) =>
        onSubmit({
          name: name.trim(),
          url: url.trim(),
          events,
          namespaceId: namespaceId === ALL ? null : namespaceId,
          enabled,
          ...(rotateSecret ? { rotateSecret: true } : {}),
        })
      }
      onCancel={onCancel}
    >
      <Form.Item
        name="name"
        label={t('webhookForm.name')}
        rules={[
          { required: true, whitespace: true, message: t('rule.webhookName.required') },
          { max: WEBHOOK_RULES.nameMaxLength, message: t('rule.webhookName.max', { max: WEBHOOK_RULES.nameMaxLength }) },
        ]}
      >
        <Input autoComplete="off" autoFocus data-testid="webhook-form-name" />
      </Form.Item>
      <Form.Item
        name="url"
        label={t('webhookForm.url')}
        extra={t('webhookForm.url.help')}
        validateFirst
        rules={[
          { required: true, whitespace: true, message: t('rule.webhookUrl.required') },
          { validator: (_rule, value: string) => (isAcceptableUrl(value?.trim() ?? '') ? Promise.resolve() : Promise.reject(new Error(t('rule.webhookUrl.format')))) },
        ]}
      >
        <Input autoComplete="off" placeholder="https://hooks.example.com/switchboard" data-testid="webhook-form-url" />
      </Form.Item>
      <Form.Item
        name="events"
        label={t('webhookForm.events')}
        rules={[{ required: true, type: 'array', min: 1, message: t('rule.webhookEvents.required') }]}
      >
        <Checkbox.Group
          data-testid="webhook-form-events"
          style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 4 }}
          options={WEBHOOK_EVENTS.map((event) => ({ label: <code>{event}</code>, value: event }))}
        />
      </Form.Item>
      <Form.Item name="namespaceId" label={t('webhookForm.namespace')}>
        <Select
          data-testid="webhook-form-namespace"
          options={[
            { value: ALL, label: t('webhooks.allNamespaces') },
            ...namespaces.map((n) => ({ value: n.namespaceId, label: n.name === n.namespaceId ? n.name : `${n.name} (${n.namespaceId})` })),
          ]}
        />
      </Form.Item>
      <Form.Item name="enabled" label={t('webhookForm.enabled')} valuePropName="checked">
        <Switch data-testid="webhook-form-enabled" />
      </Form.Item>
      {editing && (
        <Form.Item name="rotateSecret" valuePropName="checked">
          <Checkbox data-testid="webhook-form-rotate">{t('webhookForm.rotateSecret')}</Checkbox>
        </Form.Item>
      )}
    </FormDialog>
  );
}
