import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Upload, type UploadFile } from 'antd';
import type { ConflictPolicy } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { useI18n } from '../../../i18n/useI18n';
import { ConflictPolicyField } from './ConflictPolicyField';
import { TransferDialog } from './TransferDialog';

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

  return (
    <TransferDialog
      open={open}
      title={t('configs.import.title', { namespace: namespaceId })}
      submitLabel={t('configs.import')}
      submitTestId="config-import-submit"
      onSubmit={form.submit}
      onClose={(report) => onClose(report !== undefined && !report.aborted)}
    >
      {({ submitting, error, run }) => (
        <Form<ImportValues>
          form={form}
          name="config-import"
          layout="vertical"
          initialValues={{ policy: 'abort', file: [] }}
          onFinish={({ file, policy }) => {
            const zip = file[0]?.originFileObj;
            if (zip) void run(() => api.importConfigs(namespaceId, zip, policy));
          }}
          disabled={submitting}
        >
          {error}
          <Form.Item
            name="file"
            label={t('configs.import.file')}
            extra={t('configs.import.fileHint')}
            valuePropName="fileList"
            getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList.slice(-1)}
            rules={[
              {
                validator: async (_r, files: UploadFile[] = []) => {
                  if (!files.length) throw new Error(t('configs.import.fileRequired'));
                },
              },
            ]}
          >
            <Upload
              accept=".zip,application/zip"
              maxCount={1}
              beforeUpload={() => false}
              data-testid="config-import-file"
            >
              <Button icon={<UploadOutlined />}>{t('configs.import.choose')}</Button>
            </Upload>
          </Form.Item>
          <ConflictPolicyField />
        </Form>
      )}
    </TransferDialog>
  );
}
