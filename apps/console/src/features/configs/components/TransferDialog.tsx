import { Alert, Button, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ImportReport } from '@switchboard/shared';
import { errorMessage } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
import { ImportReportView } from './ImportReportView';

export interface TransferDialogProps {
  open: boolean;
  title: ReactNode;
  submitLabel: ReactNode;
  submitTestId: string;
  onSubmit: () => void; // submits the form (which calls run)
  onClose: (report: ImportReport | undefined) => void;
  children: (state: {
    submitting: boolean;
    error?: ReactNode;
    run: (transfer: () => Promise<ImportReport>) => Promise<void>;
  }) => ReactNode;
}

// Import and clone both write configs into a namespace and answer with a report: this dialog
// runs the transfer, shows its error, then the report in place of the form.
export function TransferDialog({
  open,
  title,
  submitLabel,
  submitTestId,
  onSubmit,
  onClose,
  children,
}: TransferDialogProps) {
  const { t } = useI18n();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [report, setReport] = useState<ImportReport>();

  const run = async (transfer: () => Promise<ImportReport>) => {
    setSubmitting(true);
    setError(undefined);
    try {
      setReport(await transfer());
    } catch (cause) {
      setError(errorMessage(cause, t));
    } finally {
      setSubmitting(false);
    }
  };
  const close = () => onClose(report);

  return (
    <Modal
      open={open}
      title={title}
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
              <Button
                key="submit"
                type="primary"
                loading={submitting}
                onClick={onSubmit}
                data-testid={submitTestId}
              >
                {submitLabel}
              </Button>,
            ]
      }
    >
      {report ? (
        <ImportReportView report={report} />
      ) : (
        children({
          submitting,
          error: error && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />
          ),
          run,
        })
      )}
    </Modal>
  );
}
