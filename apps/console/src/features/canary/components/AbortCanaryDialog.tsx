import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/useI18n';

export interface AbortCanaryDialogProps {
  open: boolean;
  dataId: string;
  onAbort: (reason: string | undefined) => Promise<void>;
  onCancel: () => void;
}

const MAX_REASON = 512;

// Asks before aborting; the optional reason is recorded in the canary's history.
export function AbortCanaryDialog({ open, dataId, onAbort, onCancel }: AbortCanaryDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ reason }: { reason?: string }) => {
    setBusy(true);
    try {
      await onAbort(reason?.trim() || undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('canary.abort.title', { dataId })}
      okText={t('canary.abort.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, htmlType: 'submit', 'data-testid': 'canary-abort-confirm' }}
      confirmLoading={busy}
      onCancel={onCancel}
      destroyOnHidden
      modalRender={(dom) => (
        <Form
          form={form}
          name="canary-abort"
          layout="vertical"
          onFinish={submit}
          disabled={busy}
          clearOnDestroy
        >
          {dom}
        </Form>
      )}
    >
      <Typography.Paragraph>{t('canary.abort.description')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('canary.abort.reason')} style={{ marginBottom: 0 }}>
        <Input.TextArea
          autoFocus
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={MAX_REASON}
          showCount
          placeholder={t('canary.abort.reason.placeholder')}
          data-testid="canary-abort-reason"
        />
      </Form.Item>
    </Modal>
  );
}
