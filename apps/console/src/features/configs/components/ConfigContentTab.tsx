import type { ConfigKey } from '@switchboard/shared';
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
}

// Editing an existing config: inline checks, review and publish, live changes from elsewhere.
export function ConfigContentTab({ configKey, state, dispatch, canWrite }: ConfigContentTabProps) {
  const validation = useConfigValidation(canWrite ? { key: configKey, content: state.draft, type: state.type } : null);
  const flow = usePublishFlow(configKey, dispatch, () => ({
    content: state.draft,
    type: state.type,
    expectedVersion: expectedVersion(state),
  }));

  return (
    <>
      <ContentEditor
        state={state}
        dispatch={dispatch}
        validation={validation}
        canWrite={canWrite}
        onPublish={flow.review}
        height="max(320px, calc(100vh - 400px))"
        banner={<LiveUpdateAlert state={state} onTakeLatest={() => dispatch({ type: 'takeLatest' })} />}
      />
      <PublishDialogs dataId={configKey.dataId} state={state} flow={flow} />
    </>
  );
}
