import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Modal, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import type { ConflictPolicy, ImportReport } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { errorMessage } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
import { ConflictPolicyField } from './ConflictPolicyField';
import { ImportReportView } from './ImportReportView';

export interface ImportDialogProps {
  open: boolean;
  namespaceId: string;
  onClose: (imported: boolean) => void;
}

interface ImportValues {
  file: UploadFile[];
  policy: ConflictPolicy;
}

// Uploads a zip in Nacos's export layout, then shows what was created, overwritten or skipped.
export function ImportDialog({ open, namespaceId, onClose }: ImportDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<ImportValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [report, setReport] = useState<ImportReport>();

  const submit = async ({ file, policy }: ImportValues) => {
    const zip = file[0]?.originFileObj;
    if (!zip) return;
    setSubmitting(true);
    setError(undefined);
    try {
      setReport(await api.importConfigs(namespaceId, zip, policy));
    } catch (cause) {
      setError(errorMessage(cause, t));
    } finally {
      setSubmitting(false);
    }
  };

  const close = () => onClose(report !== undefined && !report.aborted);

  return (
    <Modal
      open={open}
      title={t('configs.import.title', { namespace: namespaceId })}
      onCancel={close}
      destroyOnHidden
      afterClose={() => {
        setReport(undefined);
        setError(undefined);
      }}
      width={640}
      footer={
        report
          ? [
              <Button key="done" type="primary" onClick={close}>
                {t('configs.report.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="import" type="primary" loading={submitting} onClick={form.submit} data-testid="config-import-submit">
                {t('configs.import')}
              </Button>,
            ]
      }
    >
      {report ? (
        <ImportReportView report={report} />
      ) : (
        <Form<ImportValues> form={form} name="config-import" layout="vertical" initialValues={{ policy: 'abort', file: [] }} onFinish={submit} disabled={submitting}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form.Item
            name="file"
            label={t('configs.import.file')}
            extra={t('configs.import.fileHint')}
            valuePropName="fileList"
            getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList.slice(-1)}
            rules={[{ validator: async (_r, files: UploadFile[] = []) => { if (!files.length) throw new Error(t('configs.import.fileRequired')); } }]}
          >
            <Upload accept=".zip,application/zip" maxCount={1} beforeUpload={() => false} data-testid="config-import-file">
              <Button icon={<UploadOutlined />}>{t('configs.import.choose')}</Button>
            </Upload>
          </Form.Item>
          <ConflictPolicyField />
        </Form>
      )}
    </Modal>
  );
}
