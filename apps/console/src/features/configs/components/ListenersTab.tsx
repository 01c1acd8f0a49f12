import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import type { ConfigKey, ConfigListenerView } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { useRemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { EmptyState } from '../../../ui/EmptyState';
import { RemoteTable } from '../../../ui/RemoteTable';

export interface ListenersTabProps {
  configKey: ConfigKey;
  md5: string; // of the published content: what an up-to-date client holds
}

// The clients listening to this config (Nacos long polling, socket subscriptions) and whether
// each holds the published content.
export function ListenersTab({ configKey, md5 }: ListenersTabProps) {
  const { t, formatDateTime } = useI18n();
  const { namespaceId, group, dataId } = configKey;
  const listeners = useRemoteData((signal) => api.listListeners(configKey, signal), [namespaceId, group, dataId]);
  const items = listeners.data ?? [];
  const outdated = items.filter((l) => !l.upToDate).length;

  const columns: TableColumnsType<ConfigListenerView> = [
    { title: t('configs.listeners.col.client'), dataIndex: 'clientId', ellipsis: true },
    { title: t('configs.listeners.col.ip'), dataIndex: 'clientIp', width: 150 },
    {
      title: t('configs.listeners.col.transport'),
      dataIndex: 'transport',
      width: 150,
      render: (transport: ConfigListenerView['transport']) =>
        transport === 'socket' ? t('configs.listeners.socket') : transport === 'grpc' ? t('configs.listeners.grpc') : t('configs.listeners.longPoll'),
    },
    {
      title: t('configs.col.md5'),
      dataIndex: 'md5',
      width: 300,
      render: (value: string) => <Typography.Text code>{value || t('configs.listeners.none')}</Typography.Text>,
    },
    {
      title: t('configs.listeners.col.status'),
      dataIndex: 'upToDate',
      width: 130,
      render: (upToDate: boolean) =>
        upToDate ? (
          <Tag color="success">{t('configs.listeners.upToDate')}</Tag>
        ) : (
          <Tag color="warning">{t('configs.listeners.outdated')}</Tag>
        ),
    },
    {
      title: t('configs.listeners.col.lastSeen'),
      dataIndex: 'lastSeenAt',
      width: 160,
      render: (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time>,
    },
  ];

  return (
    <div>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="config-listeners-summary">
          {listeners.status === 'ready'
            ? t('configs.listeners.summary', { count: items.length, outdated, md5: md5.slice(0, 8) })
            : t('configs.listeners.hint')}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={listeners.reload} data-testid="config-listeners-refresh">
          {t('configs.refresh')}
        </Button>
      </Flex>
      <RemoteTable<ConfigListenerView>
        remote={listeners}
        loadErrorTitle={t('configs.listeners.loadError')}
        rowKey="clientId"
        columns={columns}
        dataSource={items}
        locale={{ emptyText: <EmptyState title={t('configs.listeners.empty')} description={t('configs.listeners.emptyHint')} /> }}
        scroll={{ x: 1000 }}
        data-testid="config-listeners-table"
      />
    </div>
  );
}
