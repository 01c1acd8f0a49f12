import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { OverviewView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

// The totals as cards; unhealthy instances stand out in red.
export function OverviewStats({ totals }: { totals: OverviewView['totals'] }) {
  const { t, formatNumber } = useI18n();
  const unhealthy = totals.instances - totals.healthyInstances;
  const cards = [
    { key: 'namespaces', title: t('overview.stat.namespaces'), value: totals.namespaces },
    { key: 'services', title: t('overview.stat.services'), value: totals.services },
    {
      key: 'instances',
      title: t('overview.stat.instances'),
      value: totals.instances,
      footer: (
        <>
          <Typography.Text type="success">{t('overview.stat.healthy', { count: formatNumber(totals.healthyInstances) })}</Typography.Text>
          {' · '}
          <Typography.Text type={unhealthy ? 'danger' : 'secondary'} data-testid="overview-unhealthy">
            {t('overview.stat.unhealthy', { count: formatNumber(unhealthy) })}
          </Typography.Text>
        </>
      ),
    },
    { key: 'configs', title: t('overview.stat.configs'), value: totals.configs },
    { key: 'canaries', title: t('overview.stat.canaries'), value: totals.activeCanaries },
    { key: 'connections', title: t('overview.stat.connections'), value: totals.sdkConnections },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col key={card.key} xs={24} sm={12} lg={8} xl={4} flex="1 1 0">
          <Card size="small" data-testid={`overview-${card.key}`}>
            <Statistic title={card.title} value={card.value} formatter={(v) => formatNumber(Number(v))} />
            {card.footer && <div style={{ marginTop: 4 }}>{card.footer}</div>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
