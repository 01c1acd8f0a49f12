import { Descriptions, Space, Tag, Typography } from 'antd';
import type { CanaryRolloutView, CanaryView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

export interface CanaryDetailsProps {
  canary: CanaryView;
  rollout: Pick<CanaryRolloutView, 'stableMd5' | 'candidateMd5'>;
}

const Md5 = ({ value, testId }: { value: string; testId: string }) => (
  <Typography.Text
    code
    copyable={{ text: value }}
    data-testid={testId}
    style={{ wordBreak: 'break-all' }}
  >
    {value}
  </Typography.Text>
);

// The target of the canary and the two versions in play.
export function CanaryDetails({ canary, rollout }: CanaryDetailsProps) {
  const { t, formatDateTime } = useI18n();
  const none = <Typography.Text type="secondary">{t('canary.target.none')}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="canary-details"
      items={[
        {
          key: 'weight',
          label: t('canary.target.weight'),
          children: <span data-testid="canary-target-weight">{canary.target.weight}%</span>,
        },
        {
          key: 'ips',
          label: t('canary.target.ips'),
          children: canary.target.ips.length ? (
            <Space size={[4, 4]} wrap>
              {canary.target.ips.map((ip) => (
                <Tag key={ip}>{ip}</Tag>
              ))}
            </Space>
          ) : (
            none
          ),
        },
        {
          key: 'tags',
          label: t('canary.target.tags'),
          children: canary.target.tags.length ? (
            <Space size={[4, 4]} wrap>
              {canary.target.tags.map((tag) => (
                <Tag key={tag} color="orange">
                  {tag}
                </Tag>
              ))}
            </Space>
          ) : (
            none
          ),
        },
        {
          key: 'candidate',
          label: t('canary.md5.candidate'),
          children: <Md5 value={rollout.candidateMd5} testId="canary-candidate-md5" />,
        },
        {
          key: 'stable',
          label: t('canary.md5.stable'),
          children: <Md5 value={rollout.stableMd5} testId="canary-stable-md5" />,
        },
        { key: 'base', label: t('canary.baseVersion'), children: canary.baseVersion },
        { key: 'revision', label: t('canary.revision'), children: canary.revision },
        {
          key: 'started',
          label: t('canary.started'),
          children: t('canary.byAt', {
            user: canary.startedBy,
            time: formatDateTime(canary.startedAt),
          }),
        },
        {
          key: 'updated',
          label: t('canary.updated'),
          children: t('canary.byAt', {
            user: canary.updatedBy,
            time: formatDateTime(canary.updatedAt),
          }),
        },
      ]}
    />
  );
}
