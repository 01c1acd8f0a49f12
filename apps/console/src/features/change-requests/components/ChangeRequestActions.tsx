import { CheckOutlined, CloseOutlined, RollbackOutlined, SendOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import type { ChangeRequestView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

export type ReviewAction = 'approve' | 'reject' | 'apply' | 'withdraw' | 'rebase';

export interface ChangeRequestActionsProps {
  request: ChangeRequestView;
  busy: ReviewAction | undefined; // the action being sent
  onAction: (action: ReviewAction) => void;
}

// The buttons of a request: only those the server says the caller may use now (`allowed`).
export function ChangeRequestActions({ request, busy, onAction }: ChangeRequestActionsProps) {
  const { t } = useI18n();
  const { allowed } = request;
  const disabled = busy !== undefined;
  return (
    <>
      {allowed.rebase && (
        <Button
          icon={<SyncOutlined />}
          loading={busy === 'rebase'}
          disabled={disabled}
          onClick={() => onAction('rebase')}
          data-testid="change-request-rebase"
        >
          {t('changeRequests.action.rebase')}
        </Button>
      )}
      {allowed.withdraw && (
        <Popconfirm
          title={t('changeRequests.withdraw.title')}
          description={t('changeRequests.withdraw.description')}
          okText={t('changeRequests.action.withdraw')}
          cancelText={t('common.cancel')}
          onConfirm={() => onAction('withdraw')}
        >
          <Button icon={<RollbackOutlined />} loading={busy === 'withdraw'} disabled={disabled} data-testid="change-request-withdraw">
            {t('changeRequests.action.withdraw')}
          </Button>
        </Popconfirm>
      )}
      {allowed.reject && (
        <Popconfirm
          title={t('changeRequests.reject.title')}
          description={t('changeRequests.reject.description')}
          okText={t('changeRequests.action.reject')}
          okButtonProps={{ danger: true, 'data-testid': 'change-request-reject-confirm' }}
          cancelText={t('common.cancel')}
          onConfirm={() => onAction('reject')}
        >
          <Button danger icon={<CloseOutlined />} loading={busy === 'reject'} disabled={disabled} data-testid="change-request-reject">
            {t('changeRequests.action.reject')}
          </Button>
        </Popconfirm>
      )}
      {allowed.approve && (
        <Button
          type={allowed.apply ? 'default' : 'primary'}
          icon={<CheckOutlined />}
          loading={busy === 'approve'}
          disabled={disabled}
          onClick={() => onAction('approve')}
          data-testid="change-request-approve"
        >
          {t('changeRequests.action.approve')}
        </Button>
      )}
      {allowed.apply && (
        <Popconfirm
          title={t('changeRequests.apply.title')}
          description={t('changeRequests.apply.description', { count: request.items.length })}
          okText={t('changeRequests.action.apply')}
          okButtonProps={{ 'data-testid': 'change-request-apply-confirm' }}
          cancelText={t('common.cancel')}
          onConfirm={() => onAction('apply')}
        >
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'apply'} disabled={disabled} data-testid="change-request-apply">
            {t('changeRequests.action.apply')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}
