import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import type { CreateAccessTokenRequest } from '@switchboard/shared';
import { formErrors } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';

interface TokenFormValues {
  name: string;
  expiresInDays?: number | null;
}

export interface CreateAccessTokenDialogProps {
  open: boolean;
  onSubmit: (body: CreateAccessTokenRequest) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = ['name', 'expiresInDays'] as const;
export const TOKEN_NAME_MAX = 64;
export const TOKEN_DAYS_MAX = 3650;

export function CreateAccessTokenDialog({ open, onSubmit, onCancel }: CreateAccessTokenDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<TokenFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [summary, setSummary] = useState<string>();

  const submit = async ({ name, expiresInDays }: TokenFormValues) => {
    setSubmitting(true);
    setSummary(undefined);
    try {
      await onSubmit({
        name: name.trim(),
        ...(typeof expiresInDays === 'number' ? { expiresInDays } : {}),
      });
    } catch (error) {
      const display = formErrors(error, t, FIELDS);
      form.setFields(display.fields);
      setSummary(display.summary);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('tokenForm.title')}
      okText={t('tokenForm.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'token-form-submit' }}
      confirmLoading={submitting}
      onCancel={onCancel}
      afterClose={() => setSummary(undefined)}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<TokenFormValues>
          form={form}
          name="token-form"
          layout="vertical"
          initialValues={{ name: '', expiresInDays: 90 }}
          clearOnDestroy
          onFinish={submit}
          disabled={submitting}
        >
          {dom}
        </Form>
      )}
    >
      {summary && <Alert type="error" showIcon title={summary} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="name"
        label={t('tokenForm.name')}
        validateFirst
        rules={[
          { required: true, whitespace: true, message: t('rule.tokenName.required') },
          { max: TOKEN_NAME_MAX, message: t('rule.tokenName.max', { max: TOKEN_NAME_MAX }) },
        ]}
      >
        <Input
          placeholder={t('tokenForm.name.placeholder')}
          autoComplete="off"
          autoFocus
          data-testid="token-form-name"
        />
      </Form.Item>
      <Form.Item
        name="expiresInDays"
        label={t('tokenForm.expires')}
        extra={t('tokenForm.expires.help')}
        rules={[
          {
            type: 'integer',
            min: 1,
            max: TOKEN_DAYS_MAX,
            message: t('rule.days.range', { max: TOKEN_DAYS_MAX }),
          },
        ]}
      >
        <InputNumber
          min={1}
          max={TOKEN_DAYS_MAX}
          precision={0}
          suffix={t('tokenForm.days')}
          style={{ width: 180 }}
          data-testid="token-form-days"
        />
      </Form.Item>
    </Modal>
  );
}
