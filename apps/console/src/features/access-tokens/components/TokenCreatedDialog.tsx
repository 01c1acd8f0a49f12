import type { CreatedAccessTokenView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { SecretOnceDialog } from '../../../ui/SecretOnceDialog';

export interface TokenCreatedDialogProps {
  created?: CreatedAccessTokenView; // the only moment the secret is known to the console
  onClose: () => void;
}

// The new token, shown once: it is never stored and cannot be fetched again.
export function TokenCreatedDialog({ created, onClose }: TokenCreatedDialogProps) {
  const { t } = useI18n();
  return (
    <SecretOnceDialog
      secret={created?.token}
      title={t('tokenCreated.title', { name: created?.name ?? '' })}
      warning={t('tokenCreated.warning')}
      usage={t('tokenCreated.usage')}
      doneLabel={t('tokenCreated.done')}
      copyLabels={[t('tokenCreated.copy'), t('tokenCreated.copied')]}
      testId="token-created"
      onClose={onClose}
    />
  );
}
