import { EditOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip, Typography, theme, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { NamespaceView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { ConfirmDeleteButton } from '../../../ui/ConfirmDeleteButton';

export interface NamespaceTableProps {
  items: NamespaceView[];
  loading: boolean;
  empty: ReactNode;
  canManage: boolean; // false: no edit or delete (the server would refuse them)
  onEdit: (namespace: NamespaceView) => void;
  onDelete: (namespace: NamespaceView) => Promise<void>;
}

export function NamespaceTable({
  items,
  loading,
  empty,
  canManage,
  onEdit,
  onDelete,
}: NamespaceTableProps) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { token } = theme.useToken();

  const columns: TableColumnsType<NamespaceView> = [
    {
      title: t('namespaces.col.id'),
      dataIndex: 'namespaceId',
      width: 230,
      render: (id: string, ns) => (
        <Space size={8} style={{ whiteSpace: 'nowrap', maxWidth: '100%' }}>
          <Typography.Text
            copyable={{ text: id }}
            ellipsis={{ tooltip: id }}
            style={{ fontFamily: token.fontFamilyCode, maxWidth: ns.builtIn ? 110 : reviewed(ns) ? 90 : 190 }}
            data-testid="namespace-id"
          >
            {id}
          </Typography.Text>
          {ns.builtIn && (
            <Tooltip title={t('namespaces.builtIn.hint')}>
              <Tag color="blue" data-testid="namespace-builtin" style={{ marginInlineEnd: 0 }}>
                {t('namespaces.builtIn')}
              </Tag>
            </Tooltip>
          )}
          {reviewed(ns) && (
            <Tooltip title={t('namespaces.reviewRequired.hint', { count: ns.reviewPolicy.minApprovals })}>
              <Tag color="gold" data-testid="namespace-review-required" style={{ marginInlineEnd: 0 }}>
                {t('namespaces.reviewRequired')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('namespaces.col.name'),
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string) => <span data-testid="namespace-name">{name}</span>,
    },
    {
      title: t('namespaces.col.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (text: string) =>
        text ? (
          <span title={text} data-testid="namespace-description">
            {text}
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('namespaces.col.usage'),
      key: 'usage',
      align: 'right',
      width: 124,
      render: (_value, ns) => (
        <Tooltip
          title={t('namespaces.usage.hint', { count: ns.configCount, quota: ns.configQuota })}
        >
          <span style={{ whiteSpace: 'nowrap' }}>
            <span data-testid="namespace-config-count">{formatNumber(ns.configCount)}</span>
            <Typography.Text type="secondary"> / </Typography.Text>
            <Typography.Text type="secondary" data-testid="namespace-quota">
              {formatNumber(ns.configQuota)}
            </Typography.Text>
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('namespaces.col.createdAt'),
      dataIndex: 'createdAt',
      width: 142,
      render: (iso: string) => <Time iso={iso} text={formatDateTime(iso)} />,
    },
    {
      title: t('namespaces.col.updatedAt'),
      dataIndex: 'updatedAt',
      width: 142,
      render: (iso: string) => <Time iso={iso} text={formatDateTime(iso)} />,
    },
  ];
  const actionColumns: TableColumnsType<NamespaceView> = [
    {
      title: t('namespaces.col.actions'),
      key: 'actions',
      width: 150,
      render: (_value, ns) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            aria-label={t('namespaces.edit.aria', { id: ns.namespaceId })}
            onClick={() => onEdit(ns)}
          >
            {t('common.edit')}
          </Button>
          {!ns.builtIn && (
            <ConfirmDeleteButton
              label={t('common.delete')}
              ariaLabel={t('namespaces.delete.aria', { id: ns.namespaceId })}
              title={t('namespaces.delete.title', { id: ns.namespaceId })}
              description={t('namespaces.delete.description')}
              onConfirm={() => onDelete(ns)}
            />
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<NamespaceView>
      rowKey="namespaceId"
      size="middle"
      columns={canManage ? [...columns, ...actionColumns] : columns}
      dataSource={items}
      loading={loading}
      locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : empty }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: canManage ? 980 : 830 }}
      data-testid="namespace-table"
    />
  );
}

// Configs of the namespace change only through approved change requests.
const reviewed = (ns: NamespaceView) => ns.reviewPolicy.mode === 'required';

function Time({ iso, text }: { iso: string; text: string }) {
  return (
    <time dateTime={iso} title={iso} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </time>
  );
}
