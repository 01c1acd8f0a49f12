import { useState } from 'react';
import type { ConfigKey } from '@switchboard/shared';
import { RequestReviewDialog } from '../../change-requests/components/RequestReviewDialog';
import { expectedVersion, type ConfigEditorAction, type ConfigEditorState } from '../hooks/config-editor.reducer';
import { useConfigValidation } from '../hooks/useConfigValidation';
import { usePublishFlow } from '../hooks/usePublishFlow';
import { ContentEditor } from './ContentEditor';
import { LiveUpdateAlert } from './LiveUpdateAlert';
import { PublishDialogs } from './PublishDialogs';

export interface ConfigContentTabProps {
  configKey: ConfigKey;
  state: ConfigEditorState;
  dispatch: (action: ConfigEditorAction) => void;
  canWrite: boolean;
  reviewRequired?: boolean; // the namespace's configs change only through change requests
}

// Editing an existing config: inline checks, review and publish, live changes from elsewhere.
// Where the namespace requires review, the edit becomes a change request instead of a publish.
export function ConfigContentTab({ configKey, state, dispatch, canWrite, reviewRequired = false }: ConfigContentTabProps) {
  const validation = useConfigValidation(canWrite ? { key: configKey, content: state.draft, type: state.type } : null);
  const flow = usePublishFlow(configKey, dispatch, () => ({
    content: state.draft,
    type: state.type,
    expectedVersion: expectedVersion(state),
  }));
  const [requesting, setRequesting] = useState(false);
  const baseVersion = expectedVersion(state);

  return (
    <>
      <ContentEditor
        state={state}
        dispatch={dispatch}
        validation={validation}
        canWrite={canWrite}
        onPublish={reviewRequired ? () => setRequesting(true) : flow.review}
        requestReview={reviewRequired}
        height="max(320px, calc(100vh - 400px))"
        banner={<LiveUpdateAlert state={state} onTakeLatest={() => dispatch({ type: 'takeLatest' })} />}
      />
      <PublishDialogs dataId={configKey.dataId} state={state} flow={flow} />
      {reviewRequired && (
        <RequestReviewDialog
          open={requesting}
          namespaceId={configKey.namespaceId}
          item={{
            group: configKey.group,
            dataId: configKey.dataId,
            action: 'publish',
            content: state.draft,
            type: state.type,
            baseVersion,
          }}
          base={state.base && baseVersion > 0 ? { content: state.base.content, version: baseVersion } : undefined}
          onCancel={() => setRequesting(false)}
        />
      )}
    </>
  );
}
