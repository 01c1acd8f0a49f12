import { Alert, Card } from 'antd';
import type { ConfigKey, StartCanaryRequest } from '@switchboard/shared';
import { getStableConfig, listGuardServices } from '../../../api/canary.api';
import { errorMessage } from '../../../api/error-display';
import { useRemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { PageLoading } from '../../../ui/PageLoading';
import { CanaryStartForm } from './CanaryStartForm';

export interface StartCanaryCardProps {
  configKey: ConfigKey;
  onStart: (body: StartCanaryRequest) => Promise<void>;
}

// The start form, prefilled with the stable content of the config.
export function StartCanaryCard({ configKey, onStart }: StartCanaryCardProps) {
  const { t } = useI18n();
  const { namespaceId, group, dataId } = configKey;
  const config = useRemoteData(
    (signal) => getStableConfig({ namespaceId, group, dataId }, signal),
    [namespaceId, group, dataId],
  );
  const services = useRemoteData((signal) => listGuardServices(namespaceId, signal), [namespaceId]);
  // Without the service list the form still works; the guard select is then empty.
  const serviceItems = services.status === 'loading' ? undefined : (services.data?.items ?? []);

  return (
    <Card title={t('canary.form.title')} data-testid="canary-start-card">
      {config.status === 'loading' && !config.data ? (
        <PageLoading />
      ) : config.status === 'error' || !config.data ? (
        <Alert
          type="error"
          showIcon
          title={t('canary.form.configError')}
          description={errorMessage(config.error, t)}
          data-testid="canary-config-error"
        />
      ) : (
        <CanaryStartForm
          stableContent={config.data.content}
          type={config.data.type}
          services={serviceItems}
          onStart={onStart}
        />
      )}
    </Card>
  );
}
