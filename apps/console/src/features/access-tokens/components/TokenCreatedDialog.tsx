import { Alert, Button, Modal, Typography, theme } from 'antd';
import type { CreatedAccessTokenView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

export interface TokenCreatedDialogProps {
  created?: CreatedAccessTokenView; // the only moment the secret is known to the console
  onClose: () => void;
}

// Shows the new token once. Closing forgets it: it is never stored and cannot be fetched again.
export function TokenCreatedDialog({ created, onClose }: TokenCreatedDialogProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Modal
      open={created !== undefined}
      title={t('tokenCreated.title', { name: created?.name ?? '' })}
      onCancel={onClose}
      // Closed only by acknowledging: the secret cannot be shown again.
      closable={false}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-created-done">
          {t('tokenCreated.done')}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('tokenCreated.warning')}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph
        copyable={{
          text: created?.token,
          tooltips: [t('tokenCreated.copy'), t('tokenCreated.copied')],
        }}
        style={{
          fontFamily: token.fontFamilyCode,
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          padding: '8px 12px',
          wordBreak: 'break-all',
        }}
        data-testid="token-created-value"
      >
        {created?.token}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('tokenCreated.usage')}</Typography.Text>
    </Modal>
  );
}
