import { Alert } from 'antd';
import type { ReactNode } from 'react';
import type { CanaryEventView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

export interface LastOutcomeProps {
  latest: CanaryEventView | undefined; // the newest recorded event of the config's canaries
  action?: ReactNode;
}

// How the last canary ended, when there is no active one.
export function LastOutcome({ latest, action }: LastOutcomeProps) {
  const { t, formatDateTime } = useI18n();
  if (!latest || (latest.action !== 'promoted' && latest.action !== 'aborted')) return null;
  const vars = { user: latest.actor, time: formatDateTime(latest.at) };
  const promoted = latest.action === 'promoted';
  return (
    <Alert
      type={promoted ? 'success' : 'warning'}
      showIcon
      title={promoted ? t('canary.outcome.promoted', vars) : t('canary.outcome.aborted', vars)}
      description={
        latest.reason ? t('canary.outcome.reason', { reason: latest.reason }) : undefined
      }
      action={action}
      data-testid="canary-outcome"
    />
  );
}
