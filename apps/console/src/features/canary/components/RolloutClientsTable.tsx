import { CheckCircleFilled, SyncOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { CanaryClientView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { EmptyState } from '../../../ui/EmptyState';
import { isInSync, type Holding } from '../rollout-summary';

export interface RolloutClientsTableProps {
  clients: CanaryClientView[];
  hasCanary: boolean;
}

const HOLD_COLORS: Record<Holding, string> = {
  stable: 'blue',
  candidate: 'orange',
  other: 'default',
};

// Every listening client: what it holds, what it should hold, and whether the two agree.
export function RolloutClientsTable({ clients, hasCanary }: RolloutClientsTableProps) {
  const { t } = useI18n();
  const holding = (holds: Holding) => (
    <Tag color={HOLD_COLORS[holds]} data-testid="client-holds">
      {t(`canary.holds.${holds}`)}
    </Tag>
  );
  const columns: TableColumnsType<CanaryClientView> = [
    {
      title: t('canary.clients.col.client'),
      dataIndex: 'clientId',
      ellipsis: true,
      render: (id: string, client) => (
        <Tooltip title={client.md5 ? t('canary.clients.md5', { md5: client.md5 }) : undefined}>
          <Typography.Text>{id}</Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('canary.clients.col.address'), dataIndex: 'clientIp', width: 150 },
    {
      title: t('canary.clients.col.transport'),
      dataIndex: 'transport',
      width: 120,
      render: (transport: CanaryClientView['transport']) => t(`canary.transport.${transport}`),
    },
    { title: t('canary.clients.col.holds'), dataIndex: 'holds', width: 130, render: holding },
    ...(hasCanary
      ? [
          {
            title: t('canary.clients.col.expected'),
            dataIndex: 'expected',
            width: 130,
            render: (expected: Holding) => holding(expected),
          },
        ]
      : []),
    {
      title: t('canary.clients.col.sync'),
      key: 'sync',
      width: 130,
      render: (_value, client) =>
        isInSync(client) ? (
          <Space size={6} data-testid="client-in-sync">
            <CheckCircleFilled style={{ color: '#52c41a' }} aria-hidden />
            {t('canary.clients.inSync')}
          </Space>
        ) : (
          <Space size={6} data-testid="client-updating">
            <SyncOutlined spin aria-hidden />
            {t('canary.clients.updating')}
          </Space>
        ),
    },
  ];
  return (
    <Table<CanaryClientView>
      size="small"
      rowKey="clientId"
      columns={columns}
      dataSource={clients}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{
        emptyText: (
          <EmptyState
            title={t('canary.clients.empty')}
            description={t('canary.clients.empty.help')}
          />
        ),
      }}
      data-testid="rollout-clients"
    />
  );
}
