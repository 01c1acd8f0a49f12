import { DisconnectOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ConfigKey, ConfigView, PublishConfigRequest } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { LazyCodeEditor } from '../../../ui/code-editor/LazyCodeEditor';
import { blocksPublish, useConfigValidation } from '../hooks/useConfigValidation';
import { ValidationStatus } from './ValidationStatus';
import { ViolationList } from './ViolationList';

const SCHEMA_TYPES: readonly string[] = ['json', 'yaml', 'toml', 'properties'];

export interface SchemaSettingsProps {
  configKey: ConfigKey;
  config: ConfigView;
  canWrite: boolean;
  onSave: (patch: Pick<PublishConfigRequest, 'schema'>) => Promise<void>;
}

// The JSON Schema every publish of this config must satisfy. While it is edited, the current
// content is checked against it, so a schema the config would already fail is not attached.
export function SchemaSettings({ configKey, config, canWrite, onSave }: SchemaSettingsProps) {
  const { t } = useI18n();
  const [text, setText] = useState(config.schema ?? '');
  const [saving, setSaving] = useState(false);
  useEffect(() => setText(config.schema ?? ''), [config.schema]);
  const supported = SCHEMA_TYPES.includes(config.type);
  const changed = text.trim() !== (config.schema ?? '').trim();
  const validation = useConfigValidation(
    canWrite && supported && text.trim() ? { key: configKey, content: config.content, type: config.type, schema: text } : null,
  );

  const save = async (schema: string | null) => {
    setSaving(true);
    try {
      await onSave({ schema });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('configs.schema.title')} data-testid="config-schema-card">
      <Typography.Paragraph type="secondary">{t('configs.schema.description')}</Typography.Paragraph>
      {!supported && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('configs.schema.unsupported', { type: config.type })} />
      )}
      {!canWrite && config.schema === null ? (
        <Typography.Text type="secondary">{t('configs.schema.none')}</Typography.Text>
      ) : (
        <LazyCodeEditor
          value={text}
          onChange={setText}
          type="json"
          readOnly={!canWrite || !supported}
          ariaLabel={t('configs.schema.editorLabel')}
          height={280}
          testId="config-schema-editor"
        />
      )}
      {canWrite && supported && (
        <>
          <ViolationList violations={validation.violations} testId="config-schema-violations" />
          <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 12 }}>
            <ValidationStatus validation={validation} testId="config-schema-status" />
            <Flex gap={8}>
              {config.schema !== null && (
                <Popconfirm
                  title={t('configs.schema.detachTitle')}
                  description={t('configs.schema.newVersion')}
                  okText={t('configs.schema.detach')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => save(null)}
                >
                  <Button danger icon={<DisconnectOutlined />} disabled={saving}>
                    {t('configs.schema.detach')}
                  </Button>
                </Popconfirm>
              )}
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                disabled={!changed || !text.trim() || blocksPublish(validation)}
                onClick={() => save(text)}
                data-testid="config-schema-save"
              >
                {config.schema === null ? t('configs.schema.attach') : t('configs.schema.save')}
              </Button>
            </Flex>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('configs.schema.newVersion')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
