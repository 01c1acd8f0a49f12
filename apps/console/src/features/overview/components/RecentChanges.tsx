import { List, Tag, Typography } from 'antd';
import type { AuditEventView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

// The latest changes from the audit trail, newest first.
export function RecentChanges({ changes }: { changes: AuditEventView[] }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      data-testid="overview-recent"
      dataSource={changes}
      locale={{ emptyText: t('overview.recent.empty') }}
      renderItem={(change) => (
        <List.Item key={change.id}>
          <div style={{ minWidth: 0, width: '100%' }}>
            <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
              <Typography.Text code>{change.action}</Typography.Text>
              <Typography.Text ellipsis style={{ maxWidth: 260 }} title={change.target}>
                {change.target}
              </Typography.Text>
              {change.namespaceId && <Tag>{change.namespaceId}</Tag>}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <time dateTime={change.at}>{new Date(change.at).toLocaleString()}</time> · {t('overview.recent.by', { actor: change.actor })}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}
