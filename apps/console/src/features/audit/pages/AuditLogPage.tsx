import { Flex, Tag, Typography, theme, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { AuditEventView } from '@switchboard/shared';
import { listAudit } from '../../../api/auth.api';
import { listNamespaces } from '../../../api/namespaces.api';
import { useRemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { RemoteTable } from '../../../ui/RemoteTable';
import { AuditFilters, type AuditFilter } from '../components/AuditFilters';

const PAGE_SIZE = 20;

export function AuditLogPage() {
  const { t, formatNumber } = useI18n();
  const { token } = theme.useToken();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ pageNo: 1, pageSize: PAGE_SIZE });
  const events = useRemoteData(
    (signal) => listAudit({ ...filter, ...paging }, signal),
    [filter, paging],
  );
  const namespaces = useRemoteData((signal) => listNamespaces(signal));

  const columns: TableColumnsType<AuditEventView> = [
    {
      title: t('audit.col.time'),
      dataIndex: 'at',
      width: 150,
      render: (iso: string) => (
        <time dateTime={iso} title={iso} style={{ whiteSpace: 'nowrap' }}>
          {formatSeconds(iso)}
        </time>
      ),
    },
    { title: t('audit.col.actor'), dataIndex: 'actor', width: 100, ellipsis: true },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      width: 160,
      render: (action: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {action}
        </Typography.Text>
      ),
    },
    {
      title: t('audit.col.target'),
      key: 'target',
      width: 210,
      ellipsis: true,
      render: (_value, event) => (
        <span title={`${event.targetType} ${event.target}`}>
          <Tag style={{ marginInlineEnd: 6 }}>{event.targetType}</Tag>
          {event.target}
        </span>
      ),
    },
    {
      title: t('audit.col.namespace'),
      dataIndex: 'namespaceId',
      width: 130,
      ellipsis: true,
      render: (id: string | null) =>
        id ? <span title={id}>{id}</span> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('audit.col.sourceIp'),
      dataIndex: 'sourceIp',
      width: 110,
      render: (ip: string) => <span style={{ fontFamily: token.fontFamilyCode }}>{ip}</span>,
    },
    {
      title: t('audit.col.details'),
      dataIndex: 'details',
      render: (details: AuditEventView['details']) => {
        const entries = Object.entries(details ?? {});
        if (!entries.length) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Flex gap={4} wrap>
            {entries.map(([key, value]) => (
              <Tag
                key={key}
                style={{
                  marginInlineEnd: 0,
                  fontFamily: token.fontFamilyCode,
                  whiteSpace: 'normal',
                  overflowWrap: 'anywhere',
                }}
              >
                {key}={String(value)}
              </Tag>
            ))}
          </Flex>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <AuditFilters
        namespaces={namespaces.data ?? []}
        onChange={(next) => {
          setFilter(next);
          setPaging((p) => ({ ...p, pageNo: 1 }));
        }}
      />
      <RemoteTable<AuditEventView>
        remote={events}
        loadErrorTitle={t('audit.loadError')}
        rowKey="id"
        columns={columns}
        dataSource={events.data?.items ?? []}
        locale={{ emptyText: <EmptyState title={t('audit.empty')} /> }}
        scroll={{ x: 1040 }}
        pagination={{
          current: paging.pageNo,
          pageSize: paging.pageSize,
          total: events.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('audit.total', { count: formatNumber(total) }),
          onChange: (pageNo, pageSize) => setPaging({ pageNo, pageSize }),
        }}
        data-testid="audit-table"
      />
    </>
  );
}

// Audit needs the seconds that the console's usual minute format leaves out.
function formatSeconds(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
