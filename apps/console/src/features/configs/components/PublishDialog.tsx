import { Modal, Typography } from 'antd';
import { useState } from 'react';
import type { ConfigType, ConfigView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { LazyDiffViewer } from '../../../ui/code-editor/LazyDiffViewer';
import { TYPE_LABELS } from './ContentEditor';

export interface PublishDialogProps {
  open: boolean;
  dataId: string;
  base: ConfigView | undefined; // undefined: the config is created
  draft: string;
  type: ConfigType;
  onConfirm: () => Promise<void>; // closes the dialog when it resolves; a rejection keeps it open
  onCancel: () => void;
}

export const DIFF_DIALOG_WIDTH = 'min(1200px, calc(100vw - 48px))';
export const DIFF_HEIGHT = 'min(52vh, 560px)';

// Shows what a publish changes (published version vs. the edits) and asks before doing it.
export function PublishDialog({ open, dataId, base, draft, type, onConfirm, onCancel }: PublishDialogProps) {
  const { t } = useI18n();
  const [submitting, setSubmitting] = useState(false);

  const confirm = async () => {
    setSubmitting(true);
    try {
      await onConfirm();
    } catch {
      // the caller showed the error; the dialog stays open to retry or cancel
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('configs.publish.title', { dataId })}
      okText={t('configs.publish')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'config-publish-confirm' }}
      confirmLoading={submitting}
      onOk={confirm}
      onCancel={onCancel}
      width={DIFF_DIALOG_WIDTH}
      destroyOnHidden
      data-testid="config-publish-dialog"
    >
      <Typography.Paragraph type="secondary" data-testid="config-publish-summary">
        {base
          ? t('configs.publish.summary', { from: base.version, to: base.version + 1 })
          : t('configs.publish.summaryNew')}
        {base && base.type !== type && ` ${t('configs.publish.typeChange', { from: TYPE_LABELS[base.type], to: TYPE_LABELS[type] })}`}
      </Typography.Paragraph>
      {open && (
        <LazyDiffViewer
          original={base?.content ?? ''}
          modified={draft}
          type={type}
          originalLabel={base ? t('configs.diff.published', { version: base.version }) : t('configs.diff.empty')}
          modifiedLabel={t('configs.diff.yours')}
          height={DIFF_HEIGHT}
          testId="config-publish-diff"
        />
      )}
    </Modal>
  );
}
