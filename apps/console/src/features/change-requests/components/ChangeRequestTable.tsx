import { Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ChangeRequestSummaryView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { ApprovalCount, ChangeRequestStateTag } from './ChangeRequestStateTag';

export interface ChangeRequestTableProps {
  items: ChangeRequestSummaryView[];
  loading: boolean;
  empty: ReactNode;
}

const MAX_CONFIG_TAGS = 2;

// One row per change request, each leading to its detail page.
export function ChangeRequestTable({ items, loading, empty }: ChangeRequestTableProps) {
  const { t, formatDateTime } = useI18n();
  const columns: TableColumnsType<ChangeRequestSummaryView> = [
    {
      title: t('changeRequests.col.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, request) => (
        <Link
          to={namespacePath(request.namespaceId, 'change-requests', request.id)}
          data-testid="change-request-link"
          title={title}
        >
          {title}
        </Link>
      ),
    },
    {
      title: t('changeRequests.col.author'),
      dataIndex: 'author',
      width: 120,
      ellipsis: true,
    },
    {
      title: t('changeRequests.col.state'),
      dataIndex: 'state',
      width: 110,
      render: (_value, request) => <ChangeRequestStateTag state={request.state} testId="change-request-state" />,
    },
    {
      title: t('changeRequests.col.approvals'),
      key: 'approvals',
      width: 110,
      render: (_value, request) => (
        <ApprovalCount approvals={request.approvals.length} required={request.requiredApprovals} />
      ),
    },
    {
      title: t('changeRequests.col.configs'),
      dataIndex: 'configs',
      render: (configs: string[]) => {
        const rest = configs.length - MAX_CONFIG_TAGS;
        return (
          <Space size={[4, 4]} wrap>
            {configs.slice(0, MAX_CONFIG_TAGS).map((config) => (
              <Tag
                key={config}
                variant="filled"
                title={config}
                style={{ marginInlineEnd: 0, maxWidth: 280, overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'middle' }}
              >
                {config}
              </Tag>
            ))}
            {rest > 0 && (
              <Tooltip title={configs.slice(MAX_CONFIG_TAGS).join(', ')}>
                <Typography.Text type="secondary">{t('changeRequests.moreConfigs', { count: rest })}</Typography.Text>
              </Tooltip>
            )}
          </Space>
        );
      },
    },
    {
      title: t('changeRequests.col.updated'),
      dataIndex: 'updatedAt',
      width: 160,
      render: (iso: string) => (
        <time dateTime={iso} style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(iso)}
        </time>
      ),
    },
  ];

  return (
    <Table<ChangeRequestSummaryView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : empty }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 900 }}
      data-testid="change-request-table"
    />
  );
}
