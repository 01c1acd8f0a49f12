import { SaveOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { CONFIG_RULES, type ConfigView, type PublishConfigRequest } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { configFieldRules, type ConfigFormValues } from '../config-form';

export interface AttributeSettingsProps {
  config: ConfigView;
  canWrite: boolean;
  onSave: (patch: Pick<PublishConfigRequest, 'description' | 'appName' | 'tags'>) => Promise<void>;
}

// Description, application and tags of a config (saving publishes the same content again).
export function AttributeSettings({ config, canWrite, onSave }: AttributeSettingsProps) {
  const { t } = useI18n();
  const [saving, setSaving] = useState(false);

  if (!canWrite)
    return (
      <Card size="small" title={t('configs.attributes.title')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('configs.field.description')}>{config.description || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('configs.field.appName')}>{config.appName || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('configs.field.tags')}>
            {config.tags.length ? config.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    );

  const submit = async (values: ConfigFormValues) => {
    setSaving(true);
    try {
      await onSave({
        description: values.description?.trim() ?? '',
        appName: values.appName?.trim() ?? '',
        tags: values.tags ?? [],
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('configs.attributes.title')}>
      <Form<ConfigFormValues>
        key={config.version}
        name="config-attributes"
        layout="vertical"
        initialValues={{ description: config.description, appName: config.appName, tags: config.tags }}
        onFinish={submit}
        disabled={saving}
      >
        <Form.Item name="description" label={t('configs.field.description')} rules={configFieldRules('description', t)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={CONFIG_RULES.descriptionMaxLength} showCount />
        </Form.Item>
        <Form.Item name="appName" label={t('configs.field.appName')} rules={configFieldRules('appName', t)}>
          <Input maxLength={CONFIG_RULES.appNameMaxLength} autoComplete="off" />
        </Form.Item>
        <Form.Item name="tags" label={t('configs.field.tags')} extra={t('configs.field.tags.help')} rules={configFieldRules('tags', t)}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="config-attributes-save">
          {t('configs.attributes.save')}
        </Button>
      </Form>
    </Card>
  );
}
