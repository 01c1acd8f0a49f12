import type { CreatedWebhookView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { SecretOnceDialog } from '../../../ui/SecretOnceDialog';

export interface WebhookSecretDialogProps {
  created?: CreatedWebhookView; // the only moment the console knows the secret
  onClose: () => void;
}

// A new signing secret, shown once (the server shows only its last 4 characters afterwards).
export function WebhookSecretDialog({ created, onClose }: WebhookSecretDialogProps) {
  const { t } = useI18n();
  return (
    <SecretOnceDialog
      secret={created?.secret}
      title={t('webhookSecret.title', { name: created?.name ?? '' })}
      warning={t('webhookSecret.warning')}
      usage={t('webhookSecret.usage')}
      doneLabel={t('webhookSecret.done')}
      copyLabels={[t('webhookSecret.copy'), t('webhookSecret.copied')]}
      testId="webhook-secret"
      onClose={onClose}
    />
  );
}
