import { Alert, Form, Modal, type FormProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { formErrors } from '../api/error-display';
import { useI18n } from '../i18n/useI18n';

export interface FormDialogProps<V extends object> {
  open: boolean;
  name: string; // the antd form name; field ids and help ids derive from it
  title: ReactNode;
  okText: ReactNode;
  submitTestId: string;
  fields: readonly (keyof V & string)[]; // form fields a server error may be placed on
  initialValues?: FormProps<V>['initialValues'];
  requiredMark?: FormProps<V>['requiredMark'];
  showRequestId?: boolean; // append the request id to the summary above the form
  errorTestId?: string;
  width?: string | number; // antd's default when absent
  onSubmit: (values: V) => Promise<void>;
  onCancel: () => void;
  children: ReactNode;
}

// A modal holding an antd form. It owns submitting and server errors: a rejected `onSubmit`
// puts each error on the field it concerns and the rest above the form. The form is destroyed
// on close, so each opening starts from `initialValues`.
export function FormDialog<V extends object>({
  open,
  name,
  title,
  okText,
  submitTestId,
  fields,
  initialValues,
  requiredMark,
  showRequestId = false,
  errorTestId,
  width,
  onSubmit,
  onCancel,
  children,
}: FormDialogProps<V>) {
  const { t } = useI18n();
  // Untyped: field names here are plain strings, which antd's generic name paths cannot check.
  const [form] = Form.useForm();
  const [submitting, setSubmitting] = useState(false);
  const [summary, setSummary] = useState<string>();

  const submit = async (values: V) => {
    setSubmitting(true);
    setSummary(undefined);
    try {
      await onSubmit(values);
    } catch (error) {
      const display = formErrors(error, t, fields);
      form.setFields(display.fields);
      const requestId =
        showRequestId && display.requestId
          ? ` ${t('error.requestId', { id: display.requestId })}`
          : '';
      setSummary(display.summary ? `${display.summary}${requestId}` : undefined);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', 'data-testid': submitTestId }}
      confirmLoading={submitting}
      onCancel={onCancel}
      width={width}
      afterClose={() => setSummary(undefined)}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<V>
          form={form}
          name={name}
          layout="vertical"
          requiredMark={requiredMark}
          initialValues={initialValues}
          clearOnDestroy
          onFinish={submit}
          disabled={submitting}
        >
          {dom}
        </Form>
      )}
    >
      {summary && (
        <Alert
          type="error"
          showIcon
          title={summary}
          style={{ marginBottom: 16 }}
          data-testid={errorTestId}
        />
      )}
      {children}
    </Modal>
  );
}
