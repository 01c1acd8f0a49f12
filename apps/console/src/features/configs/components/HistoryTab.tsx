import { DiffOutlined, HistoryOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { ConfigKey, ConfigVersionView, ConfigView } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { useRemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { EmptyState } from '../../../ui/EmptyState';
import { RemoteTable } from '../../../ui/RemoteTable';
import { comparison, pickVersions } from '../hooks/version-selection';
import { VersionDiffPanel } from './VersionDiffPanel';
import { VersionOpTag } from './VersionOpTag';

const PAGE_SIZE = 10;

export interface HistoryTabProps {
  configKey: ConfigKey;
  current: ConfigView;
  canWrite: boolean;
  dirty: boolean; // a rollback replaces unsaved edits: say so
  onRollback: (version: number) => Promise<void>;
}

// Every recorded version (newest first): pick two to compare them side by side, or roll back
// to one (its content is published as a new version).
export function HistoryTab({ configKey, current, canWrite, dirty, onRollback }: HistoryTabProps) {
  const { t, formatDateTime } = useI18n();
  const { namespaceId, group, dataId } = configKey;
  const [pageNo, setPageNo] = useState(1);
  const [picked, setPicked] = useState<number[]>([]);
  const [shown, setShown] = useState<{ from: number; to: number }>();
  // A new version (published here or elsewhere) reloads the list.
  const versions = useRemoteData(
    (signal) => api.listVersions(configKey, { pageNo, pageSize: PAGE_SIZE }, signal),
    [namespaceId, group, dataId, pageNo, current.version],
  );
  const pair = comparison(picked);

  const columns: TableColumnsType<ConfigVersionView> = [
    {
      title: t('configs.history.col.version'),
      dataIndex: 'version',
      width: 130,
      render: (version: number) => (
        <Flex gap={6} align="center">
          <span data-testid="config-version-number">{version}</span>
          {version === current.version && <Tag color="processing">{t('configs.history.current')}</Tag>}
        </Flex>
      ),
    },
    { title: t('configs.history.col.op'), dataIndex: 'op', width: 150, render: (op: ConfigVersionView['op']) => <VersionOpTag op={op} /> },
    { title: t('configs.history.col.author'), dataIndex: 'author', ellipsis: true },
    { title: t('configs.history.col.sourceIp'), dataIndex: 'sourceIp', width: 150 },
    {
      title: t('configs.history.col.time'),
      dataIndex: 'createdAt',
      width: 160,
      render: (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time>,
    },
    {
      title: t('configs.col.md5'),
      dataIndex: 'md5',
      width: 110,
      render: (md5: string) => (
        <Tooltip title={md5}>
          <Typography.Text code>{md5.slice(0, 8) || '—'}</Typography.Text>
        </Tooltip>
      ),
    },
  ];
  if (canWrite)
    columns.push({
      title: t('configs.col.actions'),
      key: 'actions',
      width: 130,
      render: (_value, v) => (
        <Popconfirm
          title={t('configs.rollback.title', { version: v.version })}
          description={
            <div style={{ maxWidth: 320 }}>
              {t('configs.rollback.description', { next: current.version + 1 })}
              {dirty && <div>{t('configs.rollback.dirty')}</div>}
            </div>
          }
          okText={t('configs.rollback')}
          cancelText={t('common.cancel')}
          onConfirm={() => onRollback(v.version)}
          disabled={v.op === 'delete' || v.version === current.version}
        >
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            disabled={v.op === 'delete' || v.version === current.version}
            aria-label={t('configs.rollback.aria', { version: v.version })}
          >
            {t('configs.rollback')}
          </Button>
        </Popconfirm>
      ),
    });

  return (
    <div>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('configs.history.hint')}</Typography.Text>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={versions.reload}>
            {t('configs.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<DiffOutlined />}
            disabled={!pair}
            onClick={() => setShown(pair)}
            data-testid="config-history-compare"
          >
            {pair ? t('configs.history.compareTwo', { from: pair.from, to: pair.to }) : t('configs.history.compare')}
          </Button>
        </Flex>
      </Flex>
      <RemoteTable<ConfigVersionView>
        remote={versions}
        loadErrorTitle={t('configs.history.loadError')}
        rowKey="version"
        columns={columns}
        dataSource={versions.data?.items ?? []}
        rowSelection={{
          selectedRowKeys: picked,
          hideSelectAll: true,
          onChange: (keys) => setPicked((previous) => pickVersions(previous, keys.map(Number))),
          getCheckboxProps: (v) => ({ 'aria-label': t('configs.history.pick', { version: v.version }) }),
        }}
        pagination={{
          current: pageNo,
          pageSize: PAGE_SIZE,
          total: versions.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPageNo,
        }}
        locale={{ emptyText: <EmptyState title={t('configs.history.empty')} /> }}
        scroll={{ x: 900 }}
        data-testid="config-history-table"
      />
      {shown && <VersionDiffPanel configKey={configKey} from={shown.from} to={shown.to} onClose={() => setShown(undefined)} />}
    </div>
  );
}
