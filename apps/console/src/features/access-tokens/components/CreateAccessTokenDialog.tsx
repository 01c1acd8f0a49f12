import { Checkbox, Form, Input, InputNumber } from 'antd';
import type { CreateAccessTokenRequest } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { FormDialog } from '../../../ui/FormDialog';

interface TokenFormValues {
  name: string;
  expiresInDays?: number | null;
  publishDirect?: boolean;
}

export interface CreateAccessTokenDialogProps {
  open: boolean;
  canPublishDirect?: boolean; // administrators may let a token publish without review
  forUser?: string; // an administrator creating a token of another user (a service account)
  onSubmit: (body: CreateAccessTokenRequest) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = ['name', 'expiresInDays', 'publishDirect'] as const;
export const TOKEN_NAME_MAX = 64;
export const TOKEN_DAYS_MAX = 3650;

export function CreateAccessTokenDialog({
  open,
  canPublishDirect = false,
  forUser,
  onSubmit,
  onCancel,
}: CreateAccessTokenDialogProps) {
  const { t } = useI18n();
  return (
    <FormDialog<TokenFormValues>
      open={open}
      name="token-form"
      title={forUser ? t('tokenForm.titleFor', { name: forUser }) : t('tokenForm.title')}
      okText={t('tokenForm.submit')}
      submitTestId="token-form-submit"
      fields={FIELDS}
      initialValues={{ name: '', expiresInDays: 90 }}
      onSubmit={({ name, expiresInDays, publishDirect }) =>
        onSubmit({
          name: name.trim(),
          ...(typeof expiresInDays === 'number' ? { expiresInDays } : {}),
          ...(canPublishDirect && publishDirect ? { publishDirect: true } : {}),
        })
      }
      onCancel={onCancel}
    >
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
      {canPublishDirect && (
        <Form.Item
          name="publishDirect"
          valuePropName="checked"
          extra={t('tokenForm.publishDirect.help')}
        >
          <Checkbox data-testid="token-form-publish-direct">{t('tokenForm.publishDirect')}</Checkbox>
        </Form.Item>
      )}
    </FormDialog>
  );
}
