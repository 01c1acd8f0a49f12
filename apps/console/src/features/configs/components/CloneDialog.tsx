import { Form, Select, Typography } from 'antd';
import type { ConflictPolicy } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { listNamespaces } from '../../../api/namespaces.api';
import { useRemoteData } from '../../../api/useRemoteData';
import { usePermissions } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { parseRowKey } from '../config-selection';
import { ConflictPolicyField } from './ConflictPolicyField';
import { TransferDialog } from './TransferDialog';

export interface CloneDialogProps {
  open: boolean;
  namespaceId: string;
  selection: readonly string[]; // row keys; empty: every config of the namespace
  onClose: () => void;
}

interface CloneValues {
  targetNamespaceId?: string;
  policy: ConflictPolicy;
}

// Copies the selected configs (or all of them) into another namespace the user may write to.
export function CloneDialog({ open, namespaceId, selection, onClose }: CloneDialogProps) {
  const { t } = useI18n();
  const { canWrite } = usePermissions();
  const [form] = Form.useForm<CloneValues>();
  const namespaces = useRemoteData(
    (signal) => (open ? listNamespaces(signal) : Promise.resolve([])),
    [open],
  );
  const targets = (namespaces.data ?? [])
    .filter((ns) => ns.namespaceId !== namespaceId && canWrite(ns.namespaceId))
    .map((ns) => ({
      value: ns.namespaceId,
      label: ns.name === ns.namespaceId ? ns.name : `${ns.name} (${ns.namespaceId})`,
    }));

  return (
    <TransferDialog
      open={open}
      title={t('configs.clone.title')}
      submitLabel={t('configs.clone')}
      submitTestId="config-clone-submit"
      onSubmit={form.submit}
      onClose={() => onClose()}
    >
      {({ submitting, error, run }) => (
        <Form<CloneValues>
          form={form}
          name="config-clone"
          layout="vertical"
          initialValues={{ policy: 'abort' }}
          onFinish={({ targetNamespaceId, policy }) => {
            if (!targetNamespaceId) return;
            const keys = selection.length ? selection.map(parseRowKey) : undefined;
            void run(() => api.cloneConfigs(namespaceId, { targetNamespaceId, keys, policy }));
          }}
          disabled={submitting}
        >
          <Typography.Paragraph>
            {selection.length
              ? t('configs.clone.scopeSelected', {
                  count: selection.length,
                  namespace: namespaceId,
                })
              : t('configs.clone.scopeAll', { namespace: namespaceId })}
          </Typography.Paragraph>
          {error}
          <Form.Item
            name="targetNamespaceId"
            label={t('configs.clone.target')}
            rules={[{ required: true, message: t('configs.clone.targetRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={targets}
              loading={namespaces.status === 'loading'}
              notFoundContent={t('configs.clone.noTargets')}
              data-testid="config-clone-target"
            />
          </Form.Item>
          <ConflictPolicyField />
        </Form>
      )}
    </TransferDialog>
  );
}
