import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, InputNumber, Select, Switch, Typography } from 'antd';
import type { ServiceSummaryView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { guardServiceValue } from '../canary-form';

export interface CanaryPlanFieldsProps {
  services: ServiceSummaryView[] | undefined; // undefined while loading
}

const MAX_STEPS = 20;

// An optional progressive plan: weights that step up after their bake time, and a service whose
// instances must stay healthy meanwhile.
export function CanaryPlanFields({ services }: CanaryPlanFieldsProps) {
  const { t } = useI18n();
  const usePlan = Form.useWatch<boolean>('usePlan');
  const guard = Form.useWatch<string | undefined>('guardService');
  return (
    <>
      <Form.Item
        name="usePlan"
        label={t('canary.plan.enable')}
        valuePropName="checked"
        extra={t('canary.plan.enable.help')}
      >
        <Switch data-testid="canary-form-plan" />
      </Form.Item>
      {usePlan && (
        <>
          <Form.List name="steps">
            {(fields, { add, remove }) => (
              <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
                <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('canary.plan.steps')}</legend>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="flex-start" data-testid="canary-plan-step">
                    <Typography.Text style={{ width: 56, paddingTop: 5 }}>
                      {t('canary.plan.stepN', { n: index + 1 })}
                    </Typography.Text>
                    <Form.Item
                      name={[field.name, 'weight']}
                      rules={[{ required: true, message: t('canary.plan.weight.required') }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber
                        min={0}
                        max={100}
                        precision={0}
                        suffix="%"
                        aria-label={t('canary.plan.weight.aria', { n: index + 1 })}
                        style={{ width: 96 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'bakeSeconds']}
                      rules={[{ required: true, message: t('canary.plan.bake.required') }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber
                        min={0}
                        max={7 * 24 * 3600}
                        precision={0}
                        suffix={t('canary.plan.seconds')}
                        aria-label={t('canary.plan.bake.aria', { n: index + 1 })}
                        style={{ width: 136 }}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('canary.plan.removeStep', { n: index + 1 })}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_STEPS}
                  onClick={() => add({ weight: 100, bakeSeconds: 0 })}
                >
                  {t('canary.plan.addStep')}
                </Button>
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  {t('canary.plan.steps.help')}
                </Typography.Paragraph>
              </fieldset>
            )}
          </Form.List>
          <Form.Item
            name="guardService"
            label={t('canary.plan.guard')}
            extra={t('canary.plan.guard.help')}
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={services === undefined}
              placeholder={t('canary.plan.guard.placeholder')}
              aria-label={t('canary.plan.guard')}
              options={(services ?? []).map((service) => ({
                value: guardServiceValue(service),
                label: `${service.groupName} / ${service.serviceName}`,
              }))}
              notFoundContent={t('canary.plan.guard.none')}
            />
          </Form.Item>
          {guard && (
            <Form.Item
              name="maxUnhealthyPercent"
              label={t('canary.plan.maxUnhealthy')}
              extra={t('canary.plan.maxUnhealthy.help')}
            >
              <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 120 }} />
            </Form.Item>
          )}
        </>
      )}
    </>
  );
}
