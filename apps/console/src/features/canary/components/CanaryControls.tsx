import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { CanaryView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { AbortCanaryDialog } from './AbortCanaryDialog';
import { PromoteCanaryDialog } from './PromoteCanaryDialog';
import { WeightInput } from './WeightInput';

export interface CanaryControlsProps {
  canary: CanaryView;
  clients: number;
  onWeight: (weight: number, expectedRevision: number) => Promise<boolean>;
  onPromote: (expectedRevision: number) => Promise<boolean>;
  onAbort: (reason: string | undefined, expectedRevision: number) => Promise<boolean>;
}

type Dialog = 'promote' | 'abort' | undefined;

// What an operator may do with a running canary: widen or narrow it, promote it, abort it.
// Each action names the revision it was decided on, so a change made meanwhile is refused.
export function CanaryControls({
  canary,
  clients,
  onWeight,
  onPromote,
  onAbort,
}: CanaryControlsProps) {
  const { t } = useI18n();
  // The draft belongs to the revision it was made on; a newer revision shows its own weight.
  const [draft, setDraft] = useState<{ revision: number; weight: number }>();
  const weight = draft?.revision === canary.revision ? draft.weight : canary.target.weight;
  const [applying, setApplying] = useState(false);
  const [dialog, setDialog] = useState<Dialog>();
  const byPlan = canary.plan !== null;

  const apply = async () => {
    setApplying(true);
    if (await onWeight(weight, canary.revision)) setDraft(undefined);
    setApplying(false);
  };

  return (
    <div data-testid="canary-controls">
      <Typography.Text strong>{t('canary.weight.change')}</Typography.Text>
      <Flex gap={12} align="center" style={{ marginTop: 8 }}>
        <div style={{ flex: 1 }}>
          <WeightInput
            value={weight}
            onChange={(next) => setDraft({ revision: canary.revision, weight: next })}
            ariaLabel={t('canary.weight.aria')}
            disabled={byPlan || applying}
            testId="canary-weight"
          />
        </div>
        <Button
          onClick={apply}
          loading={applying}
          disabled={byPlan || weight === canary.target.weight}
          data-testid="canary-weight-apply"
        >
          {t('canary.weight.apply')}
        </Button>
      </Flex>
      {byPlan && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('canary.weight.byPlan')}
        </Typography.Paragraph>
      )}
      <Divider style={{ margin: '16px 0' }} />
      <Flex gap={12} wrap>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => setDialog('promote')}
          data-testid="canary-promote"
        >
          {t('canary.promote')}
        </Button>
        <Button
          danger
          icon={<StopOutlined />}
          onClick={() => setDialog('abort')}
          data-testid="canary-abort"
        >
          {t('canary.abort')}
        </Button>
      </Flex>
      <PromoteCanaryDialog
        open={dialog === 'promote'}
        dataId={canary.dataId}
        clients={clients}
        onCancel={() => setDialog(undefined)}
        onPromote={async () => {
          if (await onPromote(canary.revision)) setDialog(undefined);
        }}
      />
      <AbortCanaryDialog
        open={dialog === 'abort'}
        dataId={canary.dataId}
        onCancel={() => setDialog(undefined)}
        onAbort={async (reason) => {
          if (await onAbort(reason, canary.revision)) setDialog(undefined);
        }}
      />
    </div>
  );
}
