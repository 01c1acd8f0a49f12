import { Form, Select } from 'antd';
import { CANARY_TAG } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { WeightInput } from './WeightInput';

export interface CanaryTargetFieldsProps {
  weightSetByPlan: boolean;
}

// Who gets the candidate: listed addresses, tagged clients, and a share of the rest.
export function CanaryTargetFields({ weightSetByPlan }: CanaryTargetFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="ips" label={t('canary.form.ips')} extra={t('canary.form.ips.help')}>
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', ' ', '\n']}
          placeholder={t('canary.form.ips.placeholder')}
          aria-label={t('canary.form.ips')}
          data-testid="canary-form-ips"
        />
      </Form.Item>
      <Form.Item name="tags" label={t('canary.form.tags')} extra={t('canary.form.tags.help')}>
        <Select
          mode="tags"
          tokenSeparators={[',', ' ']}
          options={[{ value: CANARY_TAG, label: CANARY_TAG }]}
          placeholder={t('canary.form.tags.placeholder', { tag: CANARY_TAG })}
          aria-label={t('canary.form.tags')}
          data-testid="canary-form-tags"
        />
      </Form.Item>
      <Form.Item
        name="weight"
        label={t('canary.form.weight')}
        extra={weightSetByPlan ? t('canary.form.weight.byPlan') : t('canary.form.weight.help')}
      >
        <WeightInput
          ariaLabel={t('canary.form.weight')}
          disabled={weightSetByPlan}
          testId="canary-form-weight"
        />
      </Form.Item>
    </>
  );
}
