import { Form, Radio } from 'antd';
import type { ConflictPolicy } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

// What to do with a config that already exists in the target: shared by import and clone. The
// hint under the choice explains the one picked.
export function ConflictPolicyField() {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const policy = (Form.useWatch('policy', form) as ConflictPolicy | undefined) ?? 'abort';
  const hints: Record<ConflictPolicy, string> = {
    abort: t('configs.policy.abort.hint'),
    skip: t('configs.policy.skip.hint'),
    overwrite: t('configs.policy.overwrite.hint'),
  };
  return (
    <Form.Item name="policy" label={t('configs.policy.label')} extra={hints[policy]}>
      <Radio.Group optionType="button">
        <Radio.Button value="abort">{t('configs.policy.abort')}</Radio.Button>
        <Radio.Button value="skip">{t('configs.policy.skip')}</Radio.Button>
        <Radio.Button value="overwrite">{t('configs.policy.overwrite')}</Radio.Button>
      </Radio.Group>
    </Form.Item>
  );
}
