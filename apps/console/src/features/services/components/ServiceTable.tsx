import { RightOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { ServiceSummaryView } from '@switchboard/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { serviceRowKey, summaryReachesThreshold } from '../service-list';

export interface ServiceTableProps {
  namespaceId: string;
  items: ServiceSummaryView[]; // already filtered; paged here
  loading: boolean;
  empty: ReactNode;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
}

export function ServiceTable({
  namespaceId,
  items,
  loading,
  empty,
  page,
  pageSize,
  onPageChange,
}: ServiceTableProps) {
  const { t, formatNumber } = useI18n();
  const detailPath = (s: ServiceSummaryView) =>
    namespacePath(namespaceId, 'services', s.groupName, s.serviceName);

  const columns: TableColumnsType<ServiceSummaryView> = [
    {
      title: t('services.col.name'),
      dataIndex: 'serviceName',
      ellipsis: true,
      render: (name: string, service) => (
        <Link to={detailPath(service)} title={name} data-testid="service-name">
          {name}
        </Link>
      ),
    },
    {
      title: t('services.col.group'),
      dataIndex: 'groupName',
      ellipsis: true,
      width: 260,
      render: (group: string) => <span data-testid="service-group">{group}</span>,
    },
    {
      title: t('services.col.clusters'),
      dataIndex: 'clusterCount',
      align: 'right',
      width: 110,
      render: (count: number) => formatNumber(count),
    },
    {
      title: t('services.col.instances'),
      key: 'instances',
      align: 'right',
      width: 200,
      render: (_value, s) => {
        const type =
          s.instanceCount === 0
            ? 'secondary'
            : s.healthyInstanceCount === 0
              ? 'danger'
              : s.healthyInstanceCount < s.instanceCount
                ? 'warning'
                : undefined;
        return (
          <Tooltip
            title={t('services.instances.hint', {
              healthy: s.healthyInstanceCount,
              total: s.instanceCount,
            })}
          >
            <Typography.Text type={type} style={{ whiteSpace: 'nowrap' }}>
              <span data-testid="service-healthy">{formatNumber(s.healthyInstanceCount)}</span>
              {' / '}
              <span data-testid="service-total">{formatNumber(s.instanceCount)}</span>
            </Typography.Text>
          </Tooltip>
        );
      },
    },
    {
      title: t('services.col.threshold'),
      dataIndex: 'protectThreshold',
      align: 'right',
      width: 170,
      render: (threshold: number, s) => (
        <Space size={6}>
          {summaryReachesThreshold(s) && (
            <Tag
              color="error"
              style={{ marginInlineEnd: 0 }}
              data-testid="service-threshold-reached"
            >
              {t('services.threshold.reached')}
            </Tag>
          )}
          <span>{formatNumber(threshold)}</span>
        </Space>
      ),
    },
    {
      title: t('services.col.actions'),
      key: 'actions',
      width: 110,
      render: (_value, s) => (
        <Link
          to={detailPath(s)}
          aria-label={t('services.details.aria', { name: s.serviceName, group: s.groupName })}
          style={{ whiteSpace: 'nowrap' }}
        >
          {t('services.details')} <RightOutlined style={{ fontSize: 10 }} />
        </Link>
      ),
    },
  ];

  return (
    <Table<ServiceSummaryView>
      rowKey={serviceRowKey}
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : empty }}
      pagination={{
        current: page,
        pageSize,
        total: items.length,
        onChange: onPageChange,
        hideOnSinglePage: items.length <= 10,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
      }}
      scroll={{ x: 860 }}
      data-testid="service-table"
    />
  );
}
