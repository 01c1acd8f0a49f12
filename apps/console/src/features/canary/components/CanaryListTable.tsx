import { Progress, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { CanaryView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { RemoteTable } from '../../../ui/RemoteTable';
import type { CanaryList } from '../hooks/useCanaryList';
import type { ReactNode } from 'react';

export interface CanaryListTableProps {
  list: CanaryList;
  empty: ReactNode;
}

const MAX_TARGET_TAGS = 3;

// One row per active canary of the namespace, each leading to its live rollout.
export function CanaryListTable({ list, empty }: CanaryListTableProps) {
  const { t, formatDateTime } = useI18n();
  const canaryPath = (c: CanaryView) =>
    namespacePath(c.namespaceId, 'configs', c.group, c.dataId, 'canary');
  const columns: TableColumnsType<CanaryView> = [
    {
      title: t('canary.list.col.config'),
      key: 'config',
      render: (_value, c) => (
        <Link to={canaryPath(c)} aria-label={t('canary.list.open.aria', { dataId: c.dataId })}>
          <Typography.Text type="secondary">{c.group} / </Typography.Text>
          <span data-testid="canary-list-dataId">{c.dataId}</span>
        </Link>
      ),
    },
    {
      title: t('canary.list.col.weight'),
      key: 'weight',
      width: 170,
      render: (_value, c) => (
        <Progress
          percent={c.target.weight}
          size="small"
          status="normal"
          format={(p) => `${p ?? 0}%`}
          data-testid="canary-list-weight"
        />
      ),
    },
    {
      title: t('canary.list.col.targets'),
      key: 'targets',
      render: (_value, c) => {
        const parts: ReactNode[] = [
          ...c.target.tags.slice(0, MAX_TARGET_TAGS).map((tag) => (
            <Tag key={`tag:${tag}`} color="orange">
              {tag}
            </Tag>
          )),
        ];
        if (c.target.ips.length)
          parts.push(
            <Tooltip key="ips" title={c.target.ips.join(', ')}>
              <Tag>{t('canary.list.ips', { count: c.target.ips.length })}</Tag>
            </Tooltip>,
          );
        return parts.length ? (
          <Space size={[4, 4]} wrap>
            {parts}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('canary.list.weightOnly')}</Typography.Text>
        );
      },
    },
    {
      title: t('canary.list.col.plan'),
      key: 'plan',
      width: 150,
      render: (_value, c) =>
        c.plan && c.progress ? (
          t('canary.list.step', { step: c.progress.step + 1, count: c.plan.steps.length })
        ) : (
          <Typography.Text type="secondary">{t('canary.list.manual')}</Typography.Text>
        ),
    },
    {
      title: t('canary.list.col.started'),
      key: 'started',
      width: 200,
      render: (_value, c) => (
        <Space orientation="vertical" size={0}>
          <span>{c.startedBy}</span>
          <Typography.Text type="secondary">
            <time dateTime={c.startedAt}>{formatDateTime(c.startedAt)}</time>
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('canary.list.col.actions'),
      key: 'actions',
      width: 140,
      render: (_value, c) => <Link to={canaryPath(c)}>{t('canary.list.view')}</Link>,
    },
  ];
  return (
    <RemoteTable<CanaryView>
      remote={{ ...list, status: list.items ? 'ready' : list.status }}
      loadErrorTitle={t('canary.list.loadError')}
      rowKey="id"
      columns={columns}
      dataSource={list.items ?? []}
      locale={{ emptyText: empty }}
      data-testid="canary-list"
    />
  );
}
