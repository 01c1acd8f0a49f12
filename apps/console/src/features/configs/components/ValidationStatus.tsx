import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { errorMessage } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
import type { ValidationState } from '../hooks/useConfigValidation';

// One line telling where the server's check of the content stands; read out when it changes.
export function ValidationStatus({ validation, testId = 'config-validation-status' }: { validation: ValidationState; testId?: string }) {
  const { t } = useI18n();
  const { status, violations } = validation;
  const content = (() => {
    switch (status) {
      case 'idle':
        return null;
      case 'checking':
        return (
          <Typography.Text type="secondary">
            <Space size={6}>
              <LoadingOutlined />
              {t('configs.validation.checking')}
            </Space>
          </Typography.Text>
        );
      case 'valid':
        return (
          <Typography.Text type="success">
            <Space size={6}>
              <CheckCircleOutlined />
              {t('configs.validation.valid')}
            </Space>
          </Typography.Text>
        );
      case 'invalid':
        return (
          <Typography.Text type="danger">
            <Space size={6}>
              <CloseCircleOutlined />
              {violations.length === 1 ? t('configs.validation.invalidOne') : t('configs.validation.invalid', { count: violations.length })}
            </Space>
          </Typography.Text>
        );
      case 'failed':
        return (
          <Typography.Text type="warning">
            <Space size={6}>
              <WarningOutlined />
              {t('configs.validation.failed', { reason: errorMessage(validation.error, t) })}
            </Space>
          </Typography.Text>
        );
    }
  })();
  return (
    <span role="status" aria-live="polite" data-testid={testId} data-status={status}>
      {content}
    </span>
  );
}
