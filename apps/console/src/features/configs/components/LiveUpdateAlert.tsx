import { Alert, Button } from 'antd';
import { useI18n } from '../../../i18n/useI18n';
import type { ConfigEditorState } from '../hooks/config-editor.reducer';

export interface LiveUpdateAlertProps {
  state: ConfigEditorState;
  onTakeLatest: () => void;
}

// Tells the user that the config changed elsewhere while they have unsaved edits (without
// edits the editor just shows the new version), or that it was deleted.
export function LiveUpdateAlert({ state, onTakeLatest }: LiveUpdateAlertProps) {
  const { t, formatDateTime } = useI18n();
  if (state.deletedVersion !== undefined)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="config-deleted-alert"
        title={t('configs.live.deleted')}
      />
    );
  const latest = state.latest;
  if (!latest || state.conflict) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="config-live-alert"
      title={t('configs.live.published', {
        version: latest.version,
        user: latest.updatedBy,
        time: formatDateTime(latest.updatedAt),
      })}
      description={t('configs.live.unsaved', { version: state.base?.version ?? 0 })}
      action={
        <Button size="small" onClick={onTakeLatest} data-testid="config-live-load">
          {t('configs.live.load', { version: latest.version })}
        </Button>
      }
    />
  );
}
