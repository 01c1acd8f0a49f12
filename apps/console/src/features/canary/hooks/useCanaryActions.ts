import { App } from 'antd';
import { useMemo } from 'react';
import type { ConfigKey, StartCanaryRequest } from '@switchboard/shared';
import * as api from '../../../api/canary.api';
import { useErrorToast } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';

export interface CanaryActions {
  start: (body: StartCanaryRequest) => Promise<void>; // rejects, so the form can show why
  setWeight: (weight: number, expectedRevision: number) => Promise<boolean>;
  promote: (expectedRevision: number) => Promise<boolean>;
  abort: (reason: string | undefined, expectedRevision: number) => Promise<boolean>;
}

// The canary's actions with their outcome told as a toast. `done` runs after each success (the
// live view updates by itself; this re-reads what is not live).
export function useCanaryActions(key: ConfigKey, done: () => void): CanaryActions {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const { namespaceId, group, dataId } = key;

  return useMemo(() => {
    const config = { namespaceId, group, dataId };
    const attempt = async (action: () => Promise<string>) => {
      try {
        void message.success(await action());
        done();
        return true;
      } catch (error) {
        showError(error);
        return false;
      }
    };
    return {
      start: async (body) => {
        const canary = await api.startCanary(config, body);
        void message.success(t('canary.started.toast', { weight: canary.target.weight }));
        done();
      },
      setWeight: (weight, expectedRevision) =>
        attempt(async () => {
          await api.updateCanary(config, { target: { weight }, expectedRevision });
          return t('canary.weight.changed', { weight });
        }),
      promote: (expectedRevision) =>
        attempt(async () => {
          const promoted = await api.promoteCanary(config, { expectedRevision });
          return t('canary.promoted.toast', { version: promoted.version });
        }),
      abort: (reason, expectedRevision) =>
        attempt(async () => {
          await api.abortCanary(config, { reason, expectedRevision });
          return t('canary.aborted.toast');
        }),
    };
  }, [namespaceId, group, dataId, done, message, showError, t]);
}
