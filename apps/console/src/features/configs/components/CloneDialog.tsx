import { Alert, Button, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { ConflictPolicy, ImportReport } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { listNamespaces } from '../../../api/namespaces.api';
import { errorMessage } from '../../../api/error-display';
import { useRemoteData } from '../../../api/useRemoteData';
import { usePermissions } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { parseRowKey } from '../config-selection';
import { ConflictPolicyField } from './ConflictPolicyField';
import { ImportReportView } from './ImportReportView';

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
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [report, setReport] = useState<ImportReport>();
  const namespaces = useRemoteData((signal) => (open ? listNamespaces(signal) : Promise.resolve([])), [open]);
  const targets = (namespaces.data ?? [])
    .filter((ns) => ns.namespaceId !== namespaceId && canWrite(ns.namespaceId))
    .map((ns) => ({ value: ns.namespaceId, label: ns.name === ns.namespaceId ? ns.name : `${ns.name} (${ns.namespaceId})` }));

  const submit = async ({ targetNamespaceId, policy }: CloneValues) => {
    if (!targetNamespaceId) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const keys = selection.length ? selection.map(parseRowKey) : undefined;
      setReport(await api.cloneConfigs(namespaceId, { targetNamespaceId, keys, policy }));
    } catch (cause) {
      setError(errorMessage(cause, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('configs.clone.title')}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => {
        setReport(undefined);
        setError(undefined);
      }}
      width={640}
      footer={
        report
          ? [
              <Button key="done" type="primary" onClick={onClose}>
                {t('configs.report.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="clone" type="primary" loading={submitting} onClick={form.submit} data-testid="config-clone-submit">
                {t('configs.clone')}
              </Button>,
            ]
      }
    >
      {report ? (
        <ImportReportView report={report} />
      ) : (
        <Form<CloneValues> form={form} name="config-clone" layout="vertical" initialValues={{ policy: 'abort' }} onFinish={submit} disabled={submitting}>
          <Typography.Paragraph>
            {selection.length
              ? t('configs.clone.scopeSelected', { count: selection.length, namespace: namespaceId })
              : t('configs.clone.scopeAll', { namespace: namespaceId })}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
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
    </Modal>
  );
}
