import { Alert, Descriptions, Flex, Tag, Typography } from 'antd';
import type { ConfigKey, ImportReport } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

const SHOWN = 20;

// What an import or clone did, config by config.
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const written = report.created.length + report.overwritten.length;
  const type = report.aborted ? 'warning' : report.failed.length ? 'error' : 'success';
  const title = report.aborted
    ? t('configs.report.aborted', { count: report.skipped.length })
    : t('configs.report.done', { written, skipped: report.skipped.length, failed: report.failed.length });
  const keys = (list: ConfigKey[]) =>
    list.length ? (
      <Flex gap={4} wrap>
        {list.slice(0, SHOWN).map((k) => (
          <Tag key={`${k.group}/${k.dataId}`} bordered={false}>
            {k.group}/{k.dataId}
          </Tag>
        ))}
        {list.length > SHOWN && <Typography.Text type="secondary">{t('configs.report.more', { count: list.length - SHOWN })}</Typography.Text>}
      </Flex>
    ) : (
      '—'
    );

  return (
    <div data-testid="config-import-report">
      <Alert type={type} showIcon title={title} style={{ marginBottom: 12 }} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('configs.report.created', { count: report.created.length })}>{keys(report.created)}</Descriptions.Item>
        <Descriptions.Item label={t('configs.report.overwritten', { count: report.overwritten.length })}>{keys(report.overwritten)}</Descriptions.Item>
        <Descriptions.Item label={t('configs.report.skipped', { count: report.skipped.length })}>{keys(report.skipped)}</Descriptions.Item>
        <Descriptions.Item label={t('configs.report.failed', { count: report.failed.length })}>
          {report.failed.length ? (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {report.failed.slice(0, SHOWN).map((f) => (
                <li key={`${f.key.group}/${f.key.dataId}`}>
                  <code>
                    {f.key.group}/{f.key.dataId}
                  </code>
                  : {f.message}
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
