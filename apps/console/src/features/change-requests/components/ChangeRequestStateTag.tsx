import { Tag } from 'antd';
import type { ChangeRequestState } from '@switchboard/shared';
import type { MessageKey } from '../../../i18n/messages.en';
import { useI18n } from '../../../i18n/useI18n';

export const STATE_LABEL_KEYS: Record<ChangeRequestState, MessageKey> = {
  open: 'changeRequests.state.open',
  approved: 'changeRequests.state.approved',
  applied: 'changeRequests.state.applied',
  rejected: 'changeRequests.state.rejected',
  withdrawn: 'changeRequests.state.withdrawn',
};

const STATE_COLORS: Record<ChangeRequestState, string> = {
  open: 'processing',
  approved: 'cyan',
  applied: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function ChangeRequestStateTag({ state, testId }: { state: ChangeRequestState; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(STATE_LABEL_KEYS[state])}
    </Tag>
  );
}

// "1 / 2" approvals, green once enough.
export function ApprovalCount({ approvals, required }: { approvals: number; required: number }) {
  const { t } = useI18n();
  return (
    <Tag
      color={approvals >= required ? 'green' : undefined}
      variant="filled"
      title={t('changeRequests.approvals.hint', { count: approvals, required })}
      data-testid="change-request-approvals"
      style={{ marginInlineEnd: 0 }}
    >
      {approvals} / {required}
    </Tag>
  );
}
