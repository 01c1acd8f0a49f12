import { Alert, Drawer, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { Page, WebhookDeliveryView, WebhookView } from '@switchboard/shared';
import { errorMessage } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
import * as webhooksApi from '../webhooks.api';
import { DeliveryStatusTag } from './DeliveryStatusTag';

export const DELIVERY_LOG_REFRESH_MS = 3000;
const PAGE_SIZE = 50;

export interface DeliveryLogDrawerProps {
  webhook?: WebhookView; // open while set
  reloadKey?: number; // bumped after a test event, so the log shows it at once
  onClose: () => void;
}

// The latest deliveries of one hook, refreshed every few seconds while open; a refresh keeps the
// rows on screen (no spinner), so the log can be watched.
export function DeliveryLogDrawer({ webhook, reloadKey = 0, onClose }: DeliveryLogDrawerProps) {
  const { t, formatDateTime } = useI18n();
  const [page, setPage] = useState<Page<WebhookDeliveryView>>();
  const [error, setError] = useState<unknown>();
  const id = webhook?.id;

  useEffect(() => {
    setPage(undefined);
    setError(undefined);
    if (!id) return;
    const controller = new AbortController();
    const read = () =>
      webhooksApi.listWebhookDeliveries(id, { pageSize: PAGE_SIZE }, controller.signal).then(
        (next) => {
          setPage(next);
          setError(undefined);
        },
        (failure: unknown) => {
          if (!controller.signal.aborted) setError(failure);
        },
      );
    void read();
    const timer = setInterval(() => void read(), DELIVERY_LOG_REFRESH_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [id, reloadKey]);

  const time = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : '—');
  const columns: TableColumnsType<WebhookDeliveryView> = [
    { title: t('deliveries.col.event'), dataIndex: 'eventType', render: (type: string) => <code>{type}</code> },
    { title: t('deliveries.col.status'), dataIndex: 'status', width: 110, render: (status: WebhookDeliveryView['status']) => <DeliveryStatusTag status={status} /> },
    { title: t('deliveries.col.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    { title: t('deliveries.col.response'), dataIndex: 'responseStatus', width: 90, align: 'right', render: (s: number | null) => s ?? '—' },
    { title: t('deliveries.col.latency'), dataIndex: 'latencyMs', width: 100, align: 'right', render: (ms: number | null) => (ms === null ? '—' : t('deliveries.latencyMs', { ms })) },
    { title: t('deliveries.col.error'), dataIndex: 'error', ellipsis: true, render: (e: string | null) => (e ? <Typography.Text type="danger">{e}</Typography.Text> : '—') },
    { title: t('deliveries.col.createdAt'), dataIndex: 'createdAt', width: 170, render: time },
    { title: t('deliveries.col.lastAttemptAt'), dataIndex: 'lastAttemptAt', width: 170, render: time },
    { title: t('deliveries.col.nextAttemptAt'), dataIndex: 'nextAttemptAt', width: 170, render: time },
  ];

  return (
    <Drawer open={webhook !== undefined} onClose={onClose} size={1100} title={webhook ? t('deliveries.title', { name: webhook.name }) : ''} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('deliveries.autoRefresh')}</Typography.Paragraph>
      {error !== undefined && <Alert type="error" showIcon title={t('deliveries.loadError')} description={errorMessage(error, t)} style={{ marginBottom: 12 }} />}
      <Table<WebhookDeliveryView>
        size="small"
        rowKey="id"
        loading={page === undefined && error === undefined}
        columns={columns}
        dataSource={page?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('deliveries.empty') }}
        data-testid="delivery-table"
      />
    </Drawer>
  );
}
