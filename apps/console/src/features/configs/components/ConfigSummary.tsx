import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { ConfigView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { TYPE_LABELS } from './ContentEditor';

// The facts under a config's title: group, version, format, last change, md5, app and tags.
export function ConfigSummary({ config }: { config: ConfigView }) {
  const { t, formatDateTime } = useI18n();
  const muted = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  return (
    <Flex gap={8} wrap align="center" style={{ marginTop: 6 }} data-testid="config-summary">
      {muted(t('configs.summary.group', { group: config.group }))}
      <Tag color="blue" data-testid="config-version" data-version={config.version}>
        {t('configs.summary.version', { version: config.version })}
      </Tag>
      <Tag>{TYPE_LABELS[config.type]}</Tag>
      {muted(t('configs.summary.updated', { user: config.updatedBy, time: formatDateTime(config.updatedAt) }))}
      <Tooltip title={t('configs.summary.md5', { md5: config.md5 })}>
        <Typography.Text code>{config.md5.slice(0, 8)}</Typography.Text>
      </Tooltip>
      {config.appName && muted(t('configs.summary.app', { app: config.appName }))}
      {config.schema !== null && <Tag color="purple">{t('configs.summary.schema')}</Tag>}
      {config.tags.map((tag) => (
        <Tag key={tag} bordered={false}>
          {tag}
        </Tag>
      ))}
    </Flex>
  );
}
