import { Flex, Table, Tag, Tooltip, Typography, theme, type TableColumnsType, type TableProps } from 'antd';
import type { SdkConnectionView } from '@switchboard/shared';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/useI18n';
import { agoMessage, countMessage, dateTimeWithSeconds, elapsedSince, splitLabels } from '../connection-list';
import { ConnectionDetails } from './ConnectionDetails';

export interface ConnectionTableProps {
  namespaceId: string; // of the page: a connection that declared another one says so
  items: SdkConnectionView[];
  serverAt: string; // the server's time of the list, for the ages
  receivedAtMs: number;
  loading: boolean;
  empty: ReactNode;
}

const PAGINATION: TableProps['pagination'] = { pageSize: 20, hideOnSinglePage: true, showSizeChanger: false };
const MODULE_COLORS: Record<string, string> = { naming: 'green', config: 'blue' };

// One row per SDK connection; a row expands into the services and configs it uses.
export function ConnectionTable({ namespaceId, items, serverAt, receivedAtMs, loading, empty }: ConnectionTableProps) {
  const { t, formatDateTime } = useI18n();
  const { token } = theme.useToken();
  const now = Date.now();

  const ago = (iso: string, testId: string) => {
    const { key, count } = agoMessage(elapsedSince(iso, serverAt, receivedAtMs, now));
    return (
      <Tooltip title={dateTimeWithSeconds(iso, formatDateTime)}>
        <time dateTime={iso} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
          {t(key, { count })}
        </time>
      </Tooltip>
    );
  };

  const columns: TableColumnsType<SdkConnectionView> = [
    {
      title: t('connections.col.client'),
      dataIndex: 'clientIp',
      width: 170,
      render: (ip: string, c) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontFamily: token.fontFamilyCode }} data-testid="connection-client-ip">
            {ip}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('connections.remote', { address: c.remoteAddress })}
            </Typography.Text>
          </div>
          {c.namespaceId !== namespaceId && (
            <Tooltip title={t('connections.otherNamespace.hint', { namespace: c.namespaceId })}>
              <Tag color="purple" style={{ marginTop: 4 }} data-testid="connection-other-namespace">
                {t('connections.otherNamespace', { namespace: c.namespaceId })}
              </Tag>
            </Tooltip>
          )}
        </div>
      ),
    },
    {
      title: t('connections.col.version'),
      dataIndex: 'clientVersion',
      width: 200,
      render: (version: string) => (
        <Typography.Text style={{ fontSize: 13 }} data-testid="connection-version">
          {version || '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('connections.col.labels'),
      dataIndex: 'labels',
      render: (labels: Record<string, string>) => {
        const { telling, routine } = splitLabels(labels);
        return (
          <Flex gap={4} wrap data-testid="connection-labels">
            {telling.map(([key, value]) => (
              <Tag key={key} color={key === 'module' ? MODULE_COLORS[value] : undefined} style={{ marginInlineEnd: 0 }} data-testid="connection-label">
                {key}={value}
              </Tag>
            ))}
            {routine.length > 0 && (
              <Tooltip title={routine.map(([key, value]) => `${key}=${value}`).join(', ')}>
                <Tag variant="filled" style={{ marginInlineEnd: 0 }} data-testid="connection-labels-more">
                  +{routine.length}
                </Tag>
              </Tooltip>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('connections.col.usage'),
      key: 'usage',
      width: 110,
      render: (_value, c) => (
        <div data-testid="connection-usage" style={{ whiteSpace: 'nowrap' }}>
          <div>
            <Typography.Text type={c.subscriptions.length ? undefined : 'secondary'}>
              {t(countMessage(c.subscriptions.length, 'connections.usage.services.one', 'connections.usage.services.other'), { count: c.subscriptions.length })}
            </Typography.Text>
          </div>
          <div>
            <Typography.Text type={c.listenedConfigs.length ? undefined : 'secondary'}>
              {t(countMessage(c.listenedConfigs.length, 'connections.usage.configs.one', 'connections.usage.configs.other'), { count: c.listenedConfigs.length })}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('connections.col.connected'),
      dataIndex: 'connectedAt',
      width: 130,
      render: (iso: string) => ago(iso, 'connection-connected'),
    },
    {
      title: t('connections.col.lastActive'),
      dataIndex: 'lastActiveAt',
      width: 110,
      render: (iso: string) => ago(iso, 'connection-last-active'),
    },
    {
      title: t('connections.col.node'),
      dataIndex: 'nodeId',
      width: 90,
      render: (id: string) => (
        <Tooltip title={id}>
          <span style={{ fontFamily: token.fontFamilyCode }} data-testid="connection-node">
            {id.slice(0, 8)}
          </span>
        </Tooltip>
      ),
    },
  ];

  return (
    <Table<SdkConnectionView>
      size="middle"
      rowKey="connectionId"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={PAGINATION}
      expandable={{ expandedRowRender: (c) => <ConnectionDetails connection={c} /> }}
      locale={{ emptyText: empty }}
      scroll={{ x: 1000 }}
      data-testid="connections-table"
    />
  );
}
