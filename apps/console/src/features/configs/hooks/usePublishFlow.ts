import { App } from 'antd';
import { useState } from 'react';
import type { ConfigKey, ConfigView, PublishConfigRequest } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { useErrorToast } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
import type { ConfigEditorAction } from './config-editor.reducer';
import { publishOrConflict } from './publish-config';

export interface PublishFlow {
  reviewing: boolean; // the diff dialog is open
  review: () => void;
  cancelReview: () => void;
  confirm: () => Promise<void>; // rejects (after a toast) so the dialog stays open
  rebase: () => void; // conflict: re-apply the edits on top of the newer version, then review again
  takeLatest: () => void;
  dismissConflict: () => void;
}

const publishApi = { publishConfig: api.publishConfig, getConfig: (key: ConfigKey) => api.getConfig(key) };

// Review (diff) → publish with expectedVersion → on a conflict, compare with the newer version
// and re-apply on top of it. The conflict itself lives in the editor state.
export function usePublishFlow(
  configKey: ConfigKey,
  dispatch: (action: ConfigEditorAction) => void,
  request: () => PublishConfigRequest,
  onPublished?: (config: ConfigView) => void,
): PublishFlow {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [reviewing, setReviewing] = useState(false);

  const confirm = async () => {
    let outcome;
    try {
      outcome = await publishOrConflict(publishApi, configKey, request());
    } catch (error) {
      showError(error);
      throw error;
    }
    setReviewing(false);
    if (outcome.kind === 'conflict') {
      dispatch({ type: 'conflicted', latest: outcome.latest });
      return;
    }
    dispatch({ type: 'published', config: outcome.config });
    void message.success(t('configs.published', { dataId: outcome.config.dataId, version: outcome.config.version }));
    onPublished?.(outcome.config);
  };

  return {
    reviewing,
    review: () => setReviewing(true),
    cancelReview: () => setReviewing(false),
    confirm,
    rebase: () => {
      dispatch({ type: 'rebase' });
      setReviewing(true);
    },
    takeLatest: () => dispatch({ type: 'takeLatest' }),
    dismissConflict: () => dispatch({ type: 'conflictDismissed' }),
  };
}
