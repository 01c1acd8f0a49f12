import { Flex, Form, InputNumber, Switch } from 'antd';
import { REVIEW_POLICY_RULES } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

const { min, max } = REVIEW_POLICY_RULES.minApprovals;

// The review policy of a namespace (administrators edit it): whether its configs change only
// through approved change requests, and how many approvals a request needs.
export function ReviewPolicyFields() {
  const { t } = useI18n();
  const required = Form.useWatch('reviewRequired') as boolean | undefined;
  return (
    <>
      <Form.Item label={t('form.review.label')} extra={t('form.review.help')}>
        <Flex gap={8} align="center">
          <Form.Item name="reviewRequired" valuePropName="checked" noStyle>
            <Switch aria-label={t('form.review.switch')} data-testid="namespace-form-review" />
          </Form.Item>
          <span aria-hidden>{t('form.review.switch')}</span>
        </Flex>
      </Form.Item>
      <Form.Item
        name="minApprovals"
        label={t('form.review.minApprovals')}
        extra={t('form.review.minApprovals.help', { min, max })}
        rules={[
          {
            type: 'integer',
            min,
            max,
            message: t('rule.quota.range', { min, max }),
          },
        ]}
        hidden={!required}
      >
        <InputNumber min={min} max={max} precision={0} style={{ width: 120 }} data-testid="namespace-form-min-approvals" />
      </Form.Item>
    </>
  );
}
