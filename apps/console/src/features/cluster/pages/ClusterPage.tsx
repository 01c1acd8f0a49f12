import { ReloadOutlined } from '@ant-design/icons';
import { Button, Tag, Typography, theme, type TableColumnsType } from 'antd';
import type { ClusterNodeView } from '@switchboard/shared';
import { listClusterNodes } from '../../../api/cluster.api';
import { useRemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { PageHeader } from '../../../ui/PageHeader';
import { RemoteTable } from '../../../ui/RemoteTable';

// The nodes of the cluster as each describes itself (a single node lists itself). Loaded on
// opening and on Refresh: console pages do not poll.
export function ClusterPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { token } = theme.useToken();
  const cluster = useRemoteData((signal) => listClusterNodes(signal));
  const view = cluster.data;

  const columns: TableColumnsType<ClusterNodeView> = [
    {
      title: t('cluster.col.node'),
      dataIndex: 'nodeId',
      render: (id: string, node) => (
        <span title={id} style={{ whiteSpace: 'nowrap' }}>
          <span style={{ fontFamily: token.fontFamilyCode }}>{id.slice(0, 8)}</span>
          {node.self && (
            <Tag color="blue" style={{ marginInlineStart: 8 }}>
              {t('cluster.self')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('cluster.col.role'),
      dataIndex: 'leader',
      render: (leader: boolean) => (leader ? <Tag color="gold">{t('cluster.leader')}</Tag> : <Typography.Text type="secondary">{t('cluster.member')}</Typography.Text>),
    },
    {
      title: t('cluster.col.connected'),
      dataIndex: 'connected',
      render: (connected: boolean) => <Tag color={connected ? 'green' : 'red'}>{t(connected ? 'cluster.connected' : 'cluster.disconnected')}</Tag>,
    },
    { title: t('cluster.col.host'), dataIndex: 'hostname', ellipsis: true },
    { title: t('cluster.col.started'), dataIndex: 'startedAt', render: (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time> },
    { title: t('cluster.col.memory'), dataIndex: 'rssBytes', align: 'right', render: (bytes: number) => t('cluster.memoryMb', { count: formatNumber(Math.round(bytes / 1048576)) }) },
    {
      // Where the node stands in the change feed: the sequence up to which it applied every
      // change, and how many committed changes it has still to apply.
      title: t('cluster.col.feed'),
      key: 'feed',
      render: (_value, node) =>
        !view?.enabled ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : node.lag > 0 ? (
          <Tag color="orange" data-testid="cluster-feed">
            {t('cluster.feed.behind', { seq: formatNumber(node.appliedSeq), lag: formatNumber(node.lag) })}
          </Tag>
        ) : (
          <Typography.Text data-testid="cluster-feed">{t('cluster.feed.inStep', { seq: formatNumber(node.appliedSeq) })}</Typography.Text>
        ),
    },
    {
      title: t('cluster.col.notices'),
      key: 'notices',
      align: 'right',
      render: (_value, node) => `${formatNumber(node.noticesSent)} / ${formatNumber(node.noticesReceived)}`,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.cluster')}
        subtitle={view ? (view.enabled ? t('cluster.subtitle.cluster', { name: view.name ?? '' }) : t('cluster.subtitle.single')) : undefined}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => cluster.reload()} data-testid="cluster-refresh">
            {t('cluster.refresh')}
          </Button>
        }
      />
      <RemoteTable<ClusterNodeView>
        remote={cluster}
        loadErrorTitle={t('cluster.loadError')}
        rowKey="nodeId"
        columns={columns}
        dataSource={view?.nodes ?? []}
        scroll={{ x: 1000 }}
        data-testid="cluster-table"
      />
    </>
  );
}
