import { CheckCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import type { CanaryRolloutView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { summarizeRollout } from '../rollout-summary';
import { RolloutClientsTable } from './RolloutClientsTable';
import { RolloutSplitBar } from './RolloutSplitBar';

export interface RolloutPanelProps {
  rollout: CanaryRolloutView;
  live: boolean; // false: read over HTTP every few seconds
  withClients?: boolean; // false: the client table is shown elsewhere (RolloutClientsCard)
}

// Who holds which version right now, as a split bar and a client table.
export function RolloutPanel({ rollout, live, withClients = true }: RolloutPanelProps) {
  const { t } = useI18n();
  const summary = summarizeRollout(rollout);
  const hasCanary = rollout.canary !== null;
  const status =
    summary.counts.total === 0 ? null : summary.converged ? (
      <Tag icon={<CheckCircleOutlined />} color="success" data-testid="rollout-converged">
        {t('canary.rollout.converged')}
      </Tag>
    ) : (
      <Tag icon={<SyncOutlined spin />} color="processing" data-testid="rollout-converging">
        {t('canary.rollout.converging', { inSync: summary.inSync, total: summary.counts.total })}
      </Tag>
    );
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          {t('canary.rollout.title')}
          {status}
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {live ? t('canary.rollout.live') : t('canary.rollout.polling')}
        </Typography.Text>
      }
      data-testid="rollout-panel"
      data-converged={summary.converged}
    >
      {hasCanary && summary.counts.total > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('canary.rollout.expected', {
            candidate: summary.expectedCandidate,
            total: summary.counts.total,
          })}
        </Typography.Paragraph>
      )}
      <RolloutSplitBar summary={summary} hasCanary={hasCanary} />
      {withClients && (
        <div style={{ marginTop: 20 }}>
          <RolloutClientsTable clients={rollout.clients} hasCanary={hasCanary} />
        </div>
      )}
    </Card>
  );
}

// The client table in a card of its own, for layouts that put it apart from the split.
export function RolloutClientsCard({ rollout }: Pick<RolloutPanelProps, 'rollout'>) {
  const { t } = useI18n();
  return (
    <Card title={t('canary.clients.title', { count: rollout.clients.length })}>
      <RolloutClientsTable clients={rollout.clients} hasCanary={rollout.canary !== null} />
    </Card>
  );
}
