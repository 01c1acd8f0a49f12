import { Alert, Card, Flex, Tag, Typography } from 'antd';
import type { ChangeItemAction, ChangeItemView } from '@switchboard/shared';
import { Link } from 'react-router-dom';
import type { MessageKey } from '../../../i18n/messages.en';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { LazyDiffViewer } from '../../../ui/code-editor/LazyDiffViewer';
import { TYPE_LABELS } from '../../configs/components/ContentEditor';

const ACTION_LABEL_KEYS: Record<ChangeItemAction, MessageKey> = {
  publish: 'changeRequests.item.publish',
  delete: 'changeRequests.item.delete',
  canary: 'changeRequests.item.canary',
};

const ACTION_COLORS: Record<ChangeItemAction, string> = { publish: 'blue', delete: 'red', canary: 'orange' };

export interface ChangeItemCardProps {
  namespaceId: string;
  item: ChangeItemView;
  appliedVersion?: number; // the version the apply published
}

// One proposed change: the config, what happens to it, and its content beside the base content.
export function ChangeItemCard({ namespaceId, item, appliedVersion }: ChangeItemCardProps) {
  const { t } = useI18n();
  const name = `${item.group}/${item.dataId}`;
  const type = item.type ?? 'text';
  const baseLabel =
    item.baseVersion === 0
      ? t('changeRequests.diff.none')
      : t('changeRequests.diff.base', { version: item.baseVersion });
  const proposedLabel =
    item.action === 'delete' ? t('changeRequests.diff.deleted') : t('changeRequests.diff.proposed');

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="change-item"
      title={
        <Flex gap={8} align="center" wrap>
          <Tag color={ACTION_COLORS[item.action]} style={{ marginInlineEnd: 0 }}>
            {t(ACTION_LABEL_KEYS[item.action])}
          </Tag>
          <Link to={namespacePath(namespaceId, 'configs', item.group, item.dataId)} data-testid="change-item-config">
            {name}
          </Link>
          {item.type && <Tag style={{ marginInlineEnd: 0 }}>{TYPE_LABELS[item.type]}</Tag>}
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" data-testid="change-item-versions">
          {appliedVersion !== undefined
            ? t('changeRequests.item.applied', { version: appliedVersion })
            : item.headVersion === 0
              ? t('changeRequests.item.absent')
              : t('changeRequests.item.head', { version: item.headVersion })}
        </Typography.Text>
      }
    >
      {item.stale && appliedVersion === undefined && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('changeRequests.item.stale', { base: item.baseVersion, head: item.headVersion })}
          data-testid="change-item-stale"
        />
      )}
      {item.action === 'canary' && item.canary && (
        <Typography.Paragraph type="secondary" data-testid="change-item-canary">
          {t('changeRequests.item.canaryTarget', {
            weight: item.canary.target.weight,
            ips: item.canary.target.ips.length,
            tags: item.canary.target.tags.length,
          })}
        </Typography.Paragraph>
      )}
      <LazyDiffViewer
        original={item.baseContent}
        modified={item.content ?? ''}
        type={type}
        originalLabel={baseLabel}
        modifiedLabel={proposedLabel}
        height="min(48vh, 520px)"
        testId="change-item-diff"
      />
    </Card>
  );
}
