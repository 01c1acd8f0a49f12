import { Card, Col, Flex, Grid, Row } from 'antd';
import type { CanaryRolloutView, CanaryView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import type { CanaryActions } from '../hooks/useCanaryActions';
import { CanaryControls } from './CanaryControls';
import { CanaryDetails } from './CanaryDetails';
import { PlanProgress } from './PlanProgress';
import { RolloutClientsCard, RolloutPanel } from './RolloutPanel';

export interface ActiveCanaryViewProps {
  rollout: CanaryRolloutView & { canary: CanaryView };
  live: boolean;
  canWrite: boolean;
  actions: CanaryActions;
}

// A running canary. Wide screens: the live split and its clients on the left; controls, plan and
// target on the right. Laptops: the split first, then controls beside the target, then clients,
// so the split and the controls share the first screen.
export function ActiveCanaryView({ rollout, live, canWrite, actions }: ActiveCanaryViewProps) {
  const { t } = useI18n();
  const wide = Grid.useBreakpoint().xxl === true;
  const { canary } = rollout;
  const controls = (canWrite || canary.plan !== null) && (
    <Flex vertical gap={16}>
      {canWrite && (
        <Card title={t('canary.controls.title')} size="small">
          <CanaryControls
            canary={canary}
            clients={rollout.counts.total}
            onWeight={actions.setWeight}
            onPromote={actions.promote}
            onAbort={actions.abort}
          />
        </Card>
      )}
      {canary.plan && (
        <Card title={t('canary.plan.progress')} size="small">
          <PlanProgress canary={canary} />
        </Card>
      )}
    </Flex>
  );
  const details = (
    <Card title={t('canary.target.title')} size="small">
      <CanaryDetails canary={canary} rollout={rollout} />
    </Card>
  );

  if (wide)
    return (
      <Row gutter={16} data-testid="canary-active">
        <Col span={16}>
          <RolloutPanel rollout={rollout} live={live} />
        </Col>
        <Col span={8}>
          <Flex vertical gap={16}>
            {controls}
            {details}
          </Flex>
        </Col>
      </Row>
    );
  return (
    <Flex vertical gap={16} data-testid="canary-active">
      <RolloutPanel rollout={rollout} live={live} withClients={false} />
      <Row gutter={[16, 16]}>
        {controls && (
          <Col xs={24} lg={12}>
            {controls}
          </Col>
        )}
        <Col xs={24} lg={controls ? 12 : 24}>
          {details}
        </Col>
      </Row>
      <RolloutClientsCard rollout={rollout} />
    </Flex>
  );
}
