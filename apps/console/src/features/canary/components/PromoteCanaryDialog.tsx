import { Modal, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/useI18n';

export interface PromoteCanaryDialogProps {
  open: boolean;
  dataId: string;
  clients: number;
  onPromote: () => Promise<void>;
  onCancel: () => void;
}

// Asks before the candidate becomes the config's next version for every client.
export function PromoteCanaryDialog({
  open,
  dataId,
  clients,
  onPromote,
  onCancel,
}: PromoteCanaryDialogProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const promote = async () => {
    setBusy(true);
    try {
      await onPromote();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('canary.promote.title', { dataId })}
      okText={t('canary.promote.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'canary-promote-confirm' }}
      confirmLoading={busy}
      onOk={promote}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('canary.promote.description', { count: clients })}
      </Typography.Paragraph>
    </Modal>
  );
}
