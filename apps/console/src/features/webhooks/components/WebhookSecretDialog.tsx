import { Alert, Button, Modal, Typography, theme } from 'antd';
import type { CreatedWebhookView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

export interface WebhookSecretDialogProps {
  created?: CreatedWebhookView; // the only moment the console knows the secret
  onClose: () => void;
}

// Shows a new signing secret once; closing forgets it (the server shows only its last 4
// characters afterwards).
export function WebhookSecretDialog({ created, onClose }: WebhookSecretDialogProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Modal
      open={created !== undefined}
      title={t('webhookSecret.title', { name: created?.name ?? '' })}
      onCancel={onClose}
      closable={false}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="webhook-secret-done">
          {t('webhookSecret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('webhookSecret.warning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: created?.secret, tooltips: [t('webhookSecret.copy'), t('webhookSecret.copied')] }}
        style={{
          fontFamily: token.fontFamilyCode,
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          padding: '8px 12px',
          wordBreak: 'break-all',
        }}
        data-testid="webhook-secret-value"
      >
        {created?.secret}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('webhookSecret.usage')}</Typography.Text>
    </Modal>
  );
}
