import { Alert, Card, Col, Row, Table, Typography, type TableColumnsType } from 'antd';
import type { NamespaceCounts, OverviewView } from '@switchboard/shared';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../api/error-display';
import { useLiveTopic } from '../../../api/useLiveTopic';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { AwaitingReviewCard } from '../../change-requests/components/AwaitingReviewCard';
import { OverviewStats } from '../components/OverviewStats';
import { RecentChanges } from '../components/RecentChanges';

const TOPIC = { kind: 'overview' } as const;

export function OverviewPage() {
  const { t, formatNumber } = useI18n();
  const live = useLiveTopic(
    TOPIC,
    (snapshot: OverviewView) => snapshot,
    (_state, event) => event.payload.overview,
  );

  if (live.status === 'error' && !live.state)
    return <Alert type="error" showIcon title={t('overview.loadError')} description={live.error && errorMessage(live.error, t)} />;
  if (!live.state) return <PageLoading />;
  const overview = live.state;

  const columns: TableColumnsType<NamespaceCounts> = [
    {
      title: t('overview.col.namespace'),
      dataIndex: 'namespaceId',
      ellipsis: true,
      render: (id: string, row) => (
        <span title={id}>
          <Typography.Text strong>{row.name}</Typography.Text>
          {row.name !== id && <Typography.Text type="secondary"> ({id})</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('overview.col.services'),
      dataIndex: 'services',
      width: 90,
      align: 'right',
      render: (n: number, row) => <Link to={namespacePath(row.namespaceId, 'services')}>{formatNumber(n)}</Link>,
    },
    {
      title: t('overview.col.instances'),
      key: 'instances',
      width: 130,
      align: 'right',
      render: (_v, row) => (
        <Typography.Text type={row.healthyInstances < row.instances ? 'danger' : undefined}>
          {formatNumber(row.healthyInstances)} / {formatNumber(row.instances)}
        </Typography.Text>
      ),
    },
    {
      title: t('overview.col.configs'),
      dataIndex: 'configs',
      width: 120,
      align: 'right',
      render: (n: number, row) => <Link to={namespacePath(row.namespaceId, 'configs')}>{formatNumber(n)}</Link>,
    },
    {
      title: t('overview.col.canaries'),
      dataIndex: 'activeCanaries',
      width: 90,
      align: 'right',
      render: (n: number, row) => <Link to={namespacePath(row.namespaceId, 'canaries')}>{formatNumber(n)}</Link>,
    },
    {
      title: t('overview.col.connections'),
      dataIndex: 'sdkConnections',
      width: 90,
      align: 'right',
      render: (n: number, row) => (
        <Link to={namespacePath(row.namespaceId, 'connections')} data-testid="overview-ns-connections">
          {formatNumber(n)}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.overview')} subtitle={t('overview.subtitle')} />
      <OverviewStats totals={overview.totals} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('overview.namespaces.title')}>
            <Table<NamespaceCounts>
              size="small"
              rowKey="namespaceId"
              data-testid="overview-namespaces"
              columns={columns}
              dataSource={overview.namespaces}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {/* Read again whenever the overview reports a newer change (a request opened or reviewed). */}
          <div style={{ marginBottom: 16 }}>
            <AwaitingReviewCard refreshKey={overview.recentChanges[0]?.id} />
          </div>
          <Card size="small" title={t('overview.recent.title')}>
            <RecentChanges changes={overview.recentChanges} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
