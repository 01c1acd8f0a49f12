import type { ConfigEditorState } from '../hooks/config-editor.reducer';
import type { PublishFlow } from '../hooks/usePublishFlow';
import { ConflictDialog } from './ConflictDialog';
import { PublishDialog } from './PublishDialog';

// The review dialog and the conflict dialog of one editor.
export function PublishDialogs({ dataId, state, flow }: { dataId: string; state: ConfigEditorState; flow: PublishFlow }) {
  return (
    <>
      <PublishDialog
        open={flow.reviewing}
        dataId={dataId}
        base={state.base}
        draft={state.draft}
        type={state.type}
        onConfirm={flow.confirm}
        onCancel={flow.cancelReview}
      />
      <ConflictDialog
        open={state.conflict}
        latest={state.latest}
        draft={state.draft}
        type={state.type}
        onRebase={flow.rebase}
        onTakeLatest={flow.takeLatest}
        onCancel={flow.dismissConflict}
      />
    </>
  );
}
