import { RocketOutlined } from '@ant-design/icons';
import { Alert, Button, Flex } from 'antd';
import { useState } from 'react';
import type { CanaryEventView, CanaryRolloutView, ConfigKey } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import type { CanaryActions } from '../hooks/useCanaryActions';
import { LastOutcome } from './LastOutcome';
import { RolloutPanel } from './RolloutPanel';
import { StartCanaryCard } from './StartCanaryCard';

export interface NoCanaryViewProps {
  configKey: ConfigKey;
  rollout: CanaryRolloutView;
  live: boolean;
  canWrite: boolean;
  justEnded: boolean; // a canary ended while this page was open: its result comes first
  latest: CanaryEventView | undefined;
  actions: CanaryActions;
}

// No active canary. Just ended: how it ended and the clients converging, the form on request.
// Otherwise: the start form, then who listens to the config.
export function NoCanaryView({
  configKey,
  rollout,
  live,
  canWrite,
  justEnded,
  latest,
  actions,
}: NoCanaryViewProps) {
  const { t } = useI18n();
  const [formOpen, setFormOpen] = useState(!justEnded);
  const form = canWrite && formOpen && (
    <StartCanaryCard configKey={configKey} onStart={actions.start} />
  );
  if (justEnded)
    return (
      <Flex vertical gap={16} data-testid="canary-none">
        <LastOutcome
          latest={latest}
          action={
            canWrite &&
            !formOpen && (
              <Button
                icon={<RocketOutlined />}
                onClick={() => setFormOpen(true)}
                data-testid="canary-start-another"
              >
                {t('canary.none.startAnother')}
              </Button>
            )
          }
        />
        <RolloutPanel rollout={rollout} live={live} />
        {form}
      </Flex>
    );
  return (
    <Flex vertical gap={16} data-testid="canary-none">
      <Alert
        type="info"
        showIcon
        title={t('canary.none.title')}
        description={canWrite ? t('canary.none.description') : t('canary.none.readOnly')}
      />
      <LastOutcome latest={latest} />
      {form}
      <RolloutPanel rollout={rollout} live={live} />
    </Flex>
  );
}
