import { App, Button, Space, Switch, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { CreatedWebhookView, WebhookView } from '@switchboard/shared';
import { listNamespaces } from '../../../api/namespaces.api';
import { useErrorToast } from '../../../api/error-display';
import { useRemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { ConfirmDeleteButton } from '../../../ui/ConfirmDeleteButton';
import { CreateButton } from '../../../ui/CreateButton';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { RemoteTable } from '../../../ui/RemoteTable';
import { DeliveryLogDrawer } from '../components/DeliveryLogDrawer';
import { DeliveryStatusTag } from '../components/DeliveryStatusTag';
import { WebhookFormDialog } from '../components/WebhookFormDialog';
import { WebhookSecretDialog } from '../components/WebhookSecretDialog';
import * as webhooksApi from '../webhooks.api';

// Administrators' webhooks: which URLs hear which events, whether their deliveries get through,
// and a test event on demand.
export function WebhookListPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const hooks = useRemoteData((signal) => webhooksApi.listWebhooks(signal));
  const namespaces = useRemoteData((signal) => listNamespaces(signal));
  const [form, setForm] = useState<{ editing?: WebhookView }>();
  const [secret, setSecret] = useState<CreatedWebhookView>();
  const [logOf, setLogOf] = useState<WebhookView>();
  const [logReload, setLogReload] = useState(0);
  const [testing, setTesting] = useState<string>();

  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      showError(error);
    } finally {
      hooks.reload();
    }
  };

  const sendTest = (hook: WebhookView) =>
    act(async () => {
      setTesting(hook.id);
      try {
        const delivery = await webhooksApi.testWebhook(hook.id);
        if (delivery.status === 'succeeded') void message.success(t('webhooks.test.sent', { name: hook.name, status: String(delivery.responseStatus) }));
        else void message.error(t('webhooks.test.failed', { name: hook.name, error: delivery.error ?? delivery.status }));
        setLogReload((n) => n + 1);
      } finally {
        setTesting(undefined);
      }
    });

  const columns: TableColumnsType<WebhookView> = [
    {
      title: t('webhooks.col.name'),
      dataIndex: 'name',
      render: (name: string, hook) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="webhook-name">{name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="webhook-url" ellipsis>
            {hook.url}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('webhooks.col.events'),
      dataIndex: 'events',
      render: (events: string[]) => (
        <Tooltip title={events.join(', ')}>
          <span data-testid="webhook-events">{events.length === 1 ? <code>{events[0]}</code> : t('webhooks.eventsCount', { count: events.length })}</span>
        </Tooltip>
      ),
    },
    {
      title: t('webhooks.col.namespace'),
      dataIndex: 'namespaceId',
      width: 150,
      render: (namespaceId: string | null) => (namespaceId === null ? <Tag>{t('webhooks.allNamespaces')}</Tag> : <code>{namespaceId}</code>),
    },
    {
      title: t('webhooks.col.enabled'),
      dataIndex: 'enabled',
      width: 90,
      render: (enabled: boolean, hook) => (
        <Switch
          size="small"
          checked={enabled}
          aria-label={t('webhooks.enabled.aria', { name: hook.name })}
          data-testid="webhook-enabled"
          onChange={(next) => void act(() => webhooksApi.updateWebhook(hook.id, { enabled: next }))}
        />
      ),
    },
    {
      title: t('webhooks.col.lastDelivery'),
      dataIndex: 'lastDelivery',
      width: 210,
      render: (last: WebhookView['lastDelivery']) =>
        last ? (
          <Space size={4}>
            <DeliveryStatusTag status={last.status} />
            <time dateTime={last.createdAt}>{formatDateTime(last.createdAt)}</time>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('webhooks.never')}</Typography.Text>
        ),
    },
    {
      title: t('webhooks.col.actions'),
      key: 'actions',
      width: 330,
      render: (_value, hook) => (
        <Space size={0} wrap>
          <Button type="link" size="small" aria-label={t('webhooks.edit.aria', { name: hook.name })} onClick={() => setForm({ editing: hook })}>
            {t('webhooks.edit')}
          </Button>
          <Button type="link" size="small" aria-label={t('webhooks.deliveries.aria', { name: hook.name })} onClick={() => setLogOf(hook)}>
            {t('webhooks.deliveries')}
          </Button>
          <Button type="link" size="small" loading={testing === hook.id} onClick={() => void sendTest(hook)} data-testid="webhook-test">
            {t('webhooks.test')}
          </Button>
          <ConfirmDeleteButton
            label={t('webhooks.delete')}
            ariaLabel={t('webhooks.delete.aria', { name: hook.name })}
            title={t('webhooks.delete.title', { name: hook.name })}
            description={t('webhooks.delete.description')}
            onConfirm={() =>
              act(async () => {
                await webhooksApi.deleteWebhook(hook.id);
                void message.success(t('webhooks.deleted', { name: hook.name }));
              })
            }
          />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.webhooks')}
        subtitle={t('webhooks.subtitle')}
        extra={
          <CreateButton onClick={() => setForm({})} testId="webhook-create">
            {t('webhooks.create')}
          </CreateButton>
        }
      />
      <RemoteTable<WebhookView>
        remote={hooks}
        loadErrorTitle={t('webhooks.loadError')}
        rowKey="id"
        columns={columns}
        dataSource={hooks.data ?? []}
        locale={{ emptyText: <EmptyState title={t('webhooks.empty.title')} description={t('webhooks.empty.description')} /> }}
        data-testid="webhook-table"
      />
      <WebhookFormDialog
        open={form !== undefined}
        editing={form?.editing}
        namespaces={namespaces.data ?? []}
        onCancel={() => setForm(undefined)}
        onSubmit={async (body) => {
          const editing = form?.editing;
          const saved = editing ? await webhooksApi.updateWebhook(editing.id, body) : await webhooksApi.createWebhook(body);
          setForm(undefined);
          const created = saved as Partial<CreatedWebhookView> & WebhookView;
          if (created.secret) setSecret({ ...created, secret: created.secret });
          else void message.success(t('webhooks.saved', { name: saved.name }));
          hooks.reload();
        }}
      />
      <WebhookSecretDialog created={secret} onClose={() => setSecret(undefined)} />
      <DeliveryLogDrawer webhook={logOf} reloadKey={logReload} onClose={() => setLogOf(undefined)} />
    </>
  );
}
