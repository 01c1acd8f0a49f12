import { Alert, Button, Modal } from 'antd';
import type { ConfigType, ConfigView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { LazyDiffViewer } from '../../../ui/code-editor/LazyDiffViewer';
import { DIFF_DIALOG_WIDTH, DIFF_HEIGHT } from './PublishDialog';

export interface ConflictDialogProps {
  open: boolean;
  latest: ConfigView | undefined; // what the server holds now
  draft: string;
  type: ConfigType;
  onRebase: () => void; // keep the edits, now on top of `latest`
  onTakeLatest: () => void; // drop the edits
  onCancel: () => void;
}

// A publish was refused because someone published meanwhile: the newer version next to the
// edits, and the choice to re-apply the edits on top of it or to drop them.
export function ConflictDialog({ open, latest, draft, type, onRebase, onTakeLatest, onCancel }: ConflictDialogProps) {
  const { t, formatDateTime } = useI18n();
  return (
    <Modal
      open={open && latest !== undefined}
      title={t('configs.conflict.title')}
      width={DIFF_DIALOG_WIDTH}
      onCancel={onCancel}
      destroyOnHidden
      data-testid="config-conflict-dialog"
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('configs.conflict.keepEditing')}
        </Button>,
        <Button key="take" danger onClick={onTakeLatest} data-testid="config-conflict-take">
          {t('configs.conflict.take', { version: latest?.version ?? '' })}
        </Button>,
        <Button key="rebase" type="primary" onClick={onRebase} data-testid="config-conflict-rebase">
          {t('configs.conflict.rebase', { version: latest?.version ?? '' })}
        </Button>,
      ]}
    >
      {latest && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('configs.conflict.description', {
              version: latest.version,
              user: latest.updatedBy,
              time: formatDateTime(latest.updatedAt),
            })}
          />
          <LazyDiffViewer
            original={latest.content}
            modified={draft}
            type={type}
            originalLabel={t('configs.diff.current', { version: latest.version, user: latest.updatedBy })}
            modifiedLabel={t('configs.diff.yours')}
            height={DIFF_HEIGHT}
            testId="config-conflict-diff"
          />
        </>
      )}
    </Modal>
  );
}
