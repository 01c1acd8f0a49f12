import { Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { CHANGE_REQUEST_RULES, type ChangeItemRequest, type ConfigType } from '@switchboard/shared';
import { createChangeRequest } from '../../../api/change-requests.api';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { LazyDiffViewer } from '../../../ui/code-editor/LazyDiffViewer';
import { FormDialog } from '../../../ui/FormDialog';

interface RequestFormValues {
  title: string;
  description?: string;
}

export interface RequestReviewDialogProps {
  open: boolean;
  namespaceId: string;
  item: ChangeItemRequest; // the one change proposed
  base?: { content: string; version: number }; // what the change is made against (absent: a new config)
  onCancel: () => void;
}

const FIELDS = ['title', 'description'] as const;

// In a namespace whose configs change only through review: asks for a title and a description,
// opens a change request with the edit, and goes to it.
export function RequestReviewDialog({ open, namespaceId, item, base, onCancel }: RequestReviewDialogProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const name = `${item.group}/${item.dataId}`;
  const titleKey = item.action === 'delete' ? 'changeRequests.create.titleDelete' : 'changeRequests.create.titleUpdate';

  const submit = async ({ title, description }: RequestFormValues) => {
    const created = await createChangeRequest(namespaceId, {
      title: title.trim(),
      ...(description?.trim() ? { description: description.trim() } : {}),
      items: [item],
    });
    navigate(namespacePath(namespaceId, 'change-requests', created.id));
  };

  return (
    <FormDialog<RequestFormValues>
      open={open}
      name="change-request-form"
      title={t('changeRequests.create.dialogTitle', { config: name })}
      okText={t('changeRequests.create.submit')}
      submitTestId="change-request-submit"
      fields={FIELDS}
      initialValues={{ title: t(titleKey, { config: name }), description: '' }}
      requiredMark="optional"
      showRequestId
      errorTestId="change-request-form-error"
      onSubmit={submit}
      onCancel={onCancel}
      width="min(1200px, calc(100vw - 48px))"
    >
      <Typography.Paragraph type="secondary">{t('changeRequests.create.help')}</Typography.Paragraph>
      <Form.Item
        name="title"
        label={t('changeRequests.create.title')}
        rules={[
          { required: true, whitespace: true, message: t('changeRequests.create.titleRequired') },
          { max: CHANGE_REQUEST_RULES.titleMaxLength, message: t('rule.description.max', { max: CHANGE_REQUEST_RULES.titleMaxLength }) },
        ]}
      >
        <Input autoComplete="off" autoFocus data-testid="change-request-title-input" />
      </Form.Item>
      <Form.Item name="description" label={t('changeRequests.create.description')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={CHANGE_REQUEST_RULES.descriptionMaxLength}
          placeholder={t('changeRequests.create.descriptionPlaceholder')}
          data-testid="change-request-description-input"
        />
      </Form.Item>
      {open && (
        <LazyDiffViewer
          original={base?.content ?? ''}
          modified={item.action === 'delete' ? '' : (item.content ?? '')}
          type={(item.type ?? 'text') as ConfigType}
          originalLabel={base ? t('changeRequests.diff.base', { version: base.version }) : t('changeRequests.diff.none')}
          modifiedLabel={item.action === 'delete' ? t('changeRequests.diff.deleted') : t('changeRequests.diff.proposed')}
          height="min(40vh, 420px)"
          testId="change-request-create-diff"
        />
      )}
    </FormDialog>
  );
}
