import { Descriptions, Steps, Typography } from 'antd';
import type { CanaryView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { useNow } from '../hooks/useNow';
import { formatDuration, planPosition } from '../rollout-summary';

export interface PlanProgressProps {
  canary: CanaryView;
}

// Where the plan stands: its steps, the time left on this one and what the health gate reads.
export function PlanProgress({ canary }: PlanProgressProps) {
  const { t, formatDateTime } = useI18n();
  const now = useNow(1_000, canary.progress !== null);
  const position = planPosition(canary, now);
  if (!canary.plan || !position) return null;
  const guard = canary.plan.guard;
  const reading = canary.progress?.guard;
  return (
    <div data-testid="canary-plan-progress">
      <Steps
        size="small"
        orientation="vertical"
        current={position.step}
        items={canary.plan.steps.map((step, i) => ({
          title: t('canary.plan.stepTitle', { n: i + 1, weight: step.weight }),
          content:
            i === position.step
              ? position.nextWeight === null
                ? t('canary.plan.promoteIn', { time: formatDuration(position.remainingMs, t) })
                : t('canary.plan.nextIn', { time: formatDuration(position.remainingMs, t) })
              : i === canary.plan!.steps.length - 1
                ? step.bakeMs
                  ? t('canary.plan.bakeThenPromote', { time: formatDuration(step.bakeMs, t) })
                  : t('canary.plan.thenPromote')
                : t('canary.plan.bake', { time: formatDuration(step.bakeMs, t) }),
        }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('canary.plan.nextAt', { time: formatDateTime(position.nextStepAt) })}
      </Typography.Paragraph>
      {guard && (
        <Descriptions
          size="small"
          column={1}
          bordered
          title={t('canary.guard.title', { service: `${guard.groupName} / ${guard.serviceName}` })}
          items={[
            {
              key: 'received',
              label: t('canary.guard.received'),
              children: reading?.received ?? 0,
            },
            {
              key: 'unhealthy',
              label: t('canary.guard.unhealthy'),
              children: reading?.unhealthy ?? 0,
            },
            {
              key: 'vanished',
              label: t('canary.guard.vanished'),
              children: reading?.vanished ?? 0,
            },
            {
              key: 'percent',
              label: t('canary.guard.percent'),
              children: (
                <span data-testid="canary-guard-percent">
                  {t('canary.guard.percentOf', {
                    percent: Math.round(reading?.unhealthyPercent ?? 0),
                    max: guard.maxUnhealthyPercent,
                  })}
                </span>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
