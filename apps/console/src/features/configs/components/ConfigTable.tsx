import { EditOutlined } from '@ant-design/icons';
import { Space, Tag, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ConfigSummaryView, Page } from '@switchboard/shared';
import type { RemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { ConfirmDeleteButton } from '../../../ui/ConfirmDeleteButton';
import { RemoteTable } from '../../../ui/RemoteTable';
import { configRowKey } from '../config-selection';
import { TYPE_LABELS } from './ContentEditor';
import { RouterButton } from './RouterButton';
import { PAGE_SIZES } from '../config-search';

export interface ConfigTableProps {
  namespaceId: string;
  remote: RemoteData<Page<ConfigSummaryView>>;
  pageNo: number;
  pageSize: number;
  onPage: (pageNo: number, pageSize: number) => void;
  canWrite: boolean;
  selected: string[];
  onSelect: (keys: string[]) => void;
  onDelete: (config: ConfigSummaryView) => Promise<void>;
  empty: ReactNode;
}

export function ConfigTable({ namespaceId, remote, pageNo, pageSize, onPage, canWrite, selected, onSelect, onDelete, empty }: ConfigTableProps) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const detail = (c: ConfigSummaryView) => namespacePath(namespaceId, 'configs', c.group, c.dataId);

  const columns: TableColumnsType<ConfigSummaryView> = [
    {
      title: t('configs.field.dataId'),
      dataIndex: 'dataId',
      minWidth: 220,
      render: (dataId: string, c) => (
        <div style={{ minWidth: 0 }}>
          <Space size={8} style={{ maxWidth: '100%' }}>
            <Link to={detail(c)} data-testid="config-link" title={dataId} style={{ wordBreak: 'break-all' }}>
              {dataId}
            </Link>
            <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
              {TYPE_LABELS[c.type]}
            </Tag>
          </Space>
          {c.description && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: c.description }} style={{ display: 'block', fontSize: 12 }}>
              {c.description}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('configs.field.group'), dataIndex: 'group', width: 160, ellipsis: true },
    { title: t('configs.field.appName'), dataIndex: 'appName', width: 120, ellipsis: true, render: (app: string) => app || '—' },
    {
      title: t('configs.field.tags'),
      dataIndex: 'tags',
      width: 140,
      render: (tags: string[]) =>
        tags.length ? (
          <Space size={[4, 4]} wrap>
            {tags.map((tag) => (
              <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('configs.col.version'), dataIndex: 'version', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
    {
      title: t('configs.col.updated'),
      dataIndex: 'updatedAt',
      width: 160,
      render: (iso: string, c) => (
        <Space orientation="vertical" size={0}>
          <time dateTime={iso} style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(iso)}
          </time>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.updatedBy}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('configs.col.actions'),
      key: 'actions',
      width: canWrite ? 170 : 90,
      render: (_value, c) => (
        <Space size={0}>
          <RouterButton to={detail(c)} type="link" size="small" icon={<EditOutlined />} ariaLabel={t('configs.open.aria', { dataId: c.dataId })}>
            {canWrite ? t('common.edit') : t('configs.view')}
          </RouterButton>
          {canWrite && (
            <ConfirmDeleteButton
              label={t('common.delete')}
              ariaLabel={t('configs.delete.aria', { dataId: c.dataId })}
              title={t('configs.delete.title', { dataId: c.dataId })}
              description={t('configs.delete.description')}
              onConfirm={() => onDelete(c)}
            />
          )}
        </Space>
      ),
    },
  ];

  const rowSelection: TableProps<ConfigSummaryView>['rowSelection'] = {
    selectedRowKeys: selected,
    preserveSelectedRowKeys: true,
    onChange: (keys) => onSelect(keys.map(String)),
    getCheckboxProps: (c) => ({ 'aria-label': t('configs.select.aria', { dataId: c.dataId }) }),
  };

  return (
    <RemoteTable<ConfigSummaryView>
      remote={remote}
      loadErrorTitle={t('configs.loadError')}
      rowKey={configRowKey}
      columns={columns}
      dataSource={remote.data?.items ?? []}
      rowSelection={rowSelection}
      locale={{ emptyText: remote.status === 'loading' ? <div style={{ height: 120 }} /> : empty }}
      pagination={{
        current: pageNo,
        pageSize,
        total: remote.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        hideOnSinglePage: false,
        showTotal: (total) => t('configs.total', { count: total }),
        onChange: onPage,
      }}
      scroll={{ x: 1000 }}
      data-testid="config-table"
    />
  );
}
