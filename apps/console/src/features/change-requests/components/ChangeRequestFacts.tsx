import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { ChangeRequestView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { ApprovalCount, ChangeRequestStateTag } from './ChangeRequestStateTag';

// Who asked for what and where the request stands: state, approvals, description.
export function ChangeRequestFacts({ request }: { request: ChangeRequestView }) {
  const { t, formatDateTime } = useI18n();
  const time = (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time>;
  const items = [
    {
      key: 'state',
      label: t('changeRequests.col.state'),
      children: <ChangeRequestStateTag state={request.state} testId="change-request-detail-state" />,
    },
    { key: 'author', label: t('changeRequests.col.author'), children: <span data-testid="change-request-author">{request.author}</span> },
    {
      key: 'approvals',
      label: t('changeRequests.col.approvals'),
      children: (
        <Flex gap={6} wrap align="center">
          <ApprovalCount approvals={request.approvals.length} required={request.requiredApprovals} />
          {request.approvals.map((approval) => (
            <Tag key={approval.user} color="green" title={formatDateTime(approval.at)} style={{ marginInlineEnd: 0 }} data-testid="change-request-approver">
              {approval.user}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { key: 'created', label: t('changeRequests.detail.created'), children: time(request.createdAt) },
    { key: 'updated', label: t('changeRequests.col.updated'), children: time(request.updatedAt) },
    ...(request.closedBy && request.closedAt
      ? [
          {
            key: 'closed',
            label: t('changeRequests.detail.closed'),
            children: (
              <span data-testid="change-request-closed">
                {t('changeRequests.detail.closedBy', { user: request.closedBy })} · {time(request.closedAt)}
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
      <Typography.Paragraph
        type={request.description ? undefined : 'secondary'}
        style={{ margin: '12px 0 0', whiteSpace: 'pre-wrap' }}
        data-testid="change-request-description"
      >
        {request.description || t('changeRequests.detail.noDescription')}
      </Typography.Paragraph>
    </Card>
  );
}
