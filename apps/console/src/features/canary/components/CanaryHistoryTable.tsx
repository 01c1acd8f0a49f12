import { Tag, Typography, type TableColumnsType } from 'antd';
import type { CanaryAction, CanaryEventView, Page } from '@switchboard/shared';
import type { RemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { RemoteTable } from '../../../ui/RemoteTable';
import { EmptyState } from '../../../ui/EmptyState';

export const ACTION_COLORS: Record<CanaryAction, string> = {
  started: 'processing',
  updated: 'blue',
  stepped: 'cyan',
  promoted: 'success',
  aborted: 'error',
};

export interface CanaryHistoryTableProps {
  events: RemoteData<Page<CanaryEventView>> & { pageNo: number; setPageNo: (page: number) => void };
  pageSize: number;
}

// Every recorded step of this config's canaries, newest first.
export function CanaryHistoryTable({ events, pageSize }: CanaryHistoryTableProps) {
  const { t, formatDateTime } = useI18n();
  const columns: TableColumnsType<CanaryEventView> = [
    {
      title: t('canary.history.col.at'),
      dataIndex: 'at',
      width: 150,
      render: (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time>,
    },
    {
      title: t('canary.history.col.action'),
      dataIndex: 'action',
      width: 120,
      render: (action: CanaryAction) => (
        <Tag color={ACTION_COLORS[action]} data-testid="canary-event-action">
          {t(`canary.action.${action}`)}
        </Tag>
      ),
    },
    { title: t('canary.history.col.revision'), dataIndex: 'revision', width: 90 },
    {
      title: t('canary.history.col.weight'),
      key: 'weight',
      width: 90,
      render: (_value, event) => `${event.target.weight}%`,
    },
    {
      title: t('canary.history.col.reason'),
      dataIndex: 'reason',
      ellipsis: true,
      render: (reason: string | null) =>
        reason ? (
          <span data-testid="canary-event-reason">{reason}</span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('canary.history.col.actor'), dataIndex: 'actor', width: 120, ellipsis: true },
  ];
  return (
    <RemoteTable<CanaryEventView>
      remote={events}
      loadErrorTitle={t('canary.history.loadError')}
      rowKey={(event) => `${event.canaryId}:${event.revision}:${event.action}`}
      columns={columns}
      dataSource={events.data?.items ?? []}
      size="small"
      pagination={{
        current: events.pageNo,
        pageSize,
        total: events.data?.total ?? 0,
        hideOnSinglePage: true,
        showSizeChanger: false,
        onChange: events.setPageNo,
      }}
      locale={{ emptyText: <EmptyState title={t('canary.history.empty')} /> }}
      data-testid="canary-history"
    />
  );
}
