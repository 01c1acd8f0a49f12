import { RocketOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Row, Typography } from 'antd';
import { useState } from 'react';
import type { ConfigType, ServiceSummaryView, StartCanaryRequest } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { LazyCodeEditor } from '../../../ui/code-editor/LazyCodeEditor';
import type { EditorDiagnostic } from '../../../ui/code-editor/code-editor.types';
import {
  initialCanaryForm,
  startFormErrors,
  toStartRequest,
  type CanaryFormValues,
} from '../canary-form';
import { CanaryPlanFields } from './CanaryPlanFields';
import { CanaryTargetFields } from './CanaryTargetFields';

export interface CanaryStartFormProps {
  stableContent: string;
  type: ConfigType;
  services: ServiceSummaryView[] | undefined;
  onStart: (body: StartCanaryRequest) => Promise<void>;
}

// Starts a canary: the candidate content, who receives it and, optionally, a plan.
export function CanaryStartForm({ stableContent, type, services, onStart }: CanaryStartFormProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<CanaryFormValues>();
  const usePlan = Form.useWatch('usePlan', form) ?? false;
  const [submitting, setSubmitting] = useState(false);
  const [summary, setSummary] = useState<string>();
  const [diagnostics, setDiagnostics] = useState<EditorDiagnostic[]>([]);

  const submit = async (values: CanaryFormValues) => {
    setSubmitting(true);
    setSummary(undefined);
    setDiagnostics([]);
    try {
      await onStart(toStartRequest(values, type));
    } catch (error) {
      const display = startFormErrors(error, t);
      // Paths come from the server's field names, which antd's typed name paths cannot check.
      form.setFields(display.fields as Parameters<typeof form.setFields>[0]);
      setSummary(display.summary);
      setDiagnostics(display.diagnostics);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<CanaryFormValues>
      form={form}
      name="canary-form"
      layout="vertical"
      initialValues={initialCanaryForm(stableContent)}
      onFinish={submit}
      disabled={submitting}
      aria-label={t('canary.form.title')}
      data-testid="canary-start-form"
    >
      {summary && (
        <Alert
          type="error"
          showIcon
          title={summary}
          style={{ marginBottom: 16 }}
          data-testid="canary-form-error"
        />
      )}
      <Row gutter={[32, 0]}>
        <Col xs={24} xl={14}>
          <Form.Item
            name="content"
            label={t('canary.form.content')}
            extra={t('canary.form.content.help', { type })}
            rules={[{ required: true, message: t('canary.form.content.required') }]}
          >
            <LazyCodeEditor
              value=""
              type={type}
              diagnostics={diagnostics}
              ariaLabel={t('canary.form.content')}
              height={420}
              testId="canary-form-content"
            />
          </Form.Item>
        </Col>
        <Col xs={24} xl={10}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('canary.form.target')}
          </Typography.Title>
          <CanaryTargetFields weightSetByPlan={usePlan} />
          <Typography.Title level={5}>{t('canary.plan.title')}</Typography.Title>
          <CanaryPlanFields services={services} />
        </Col>
      </Row>
      <Button
        type="primary"
        htmlType="submit"
        icon={<RocketOutlined />}
        loading={submitting}
        data-testid="canary-form-submit"
      >
        {t('canary.form.submit')}
      </Button>
    </Form>
  );
}
