import { Alert, Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { awaitingMyReview } from '../../../api/change-requests.api';
import { errorMessage } from '../../../api/error-display';
import { useRemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { ApprovalCount } from './ChangeRequestStateTag';

export interface AwaitingReviewCardProps {
  refreshKey?: unknown; // read again when it changes (the overview's latest change)
}

// Open requests, in every namespace the user may review, that wait for the user's approval.
export function AwaitingReviewCard({ refreshKey }: AwaitingReviewCardProps) {
  const { t, formatDateTime } = useI18n();
  const awaiting = useRemoteData((signal) => awaitingMyReview(signal), [refreshKey]);
  const items = awaiting.data ?? [];

  return (
    <Card
      size="small"
      title={t('changeRequests.awaiting.title')}
      extra={awaiting.data && items.length > 0 && <Tag color="orange">{items.length}</Tag>}
      data-testid="overview-awaiting-review"
    >
      {awaiting.status === 'error' && !awaiting.data ? (
        <Alert type="error" showIcon title={t('changeRequests.awaiting.loadError')} description={errorMessage(awaiting.error, t)} />
      ) : (
        <List
          size="small"
          loading={!awaiting.data}
          dataSource={items}
          locale={{ emptyText: t('changeRequests.awaiting.empty') }}
          renderItem={(request) => (
            <List.Item key={`${request.namespaceId}/${request.id}`} extra={<ApprovalCount approvals={request.approvals.length} required={request.requiredApprovals} />}>
              <div style={{ minWidth: 0, width: '100%' }}>
                <Link to={namespacePath(request.namespaceId, 'change-requests', request.id)} data-testid="awaiting-review-link">
                  {request.title}
                </Link>
                <div>
                  <Tag variant="filled">{request.namespaceId}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('changeRequests.awaiting.by', { author: request.author })} ·{' '}
                    <time dateTime={request.updatedAt}>{formatDateTime(request.updatedAt)}</time>
                  </Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
