import { Table, Typography, theme, type TableColumnsType } from 'antd';
import { CANARY_TAG, type InstanceView, type UpdateInstanceRequest } from '@switchboard/shared';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/useI18n';
import { toggleTag } from '../instance-edits';
import { instanceAddress } from '../instance-format';
import { DeregisterButton, EnabledCell, HealthCell, MetadataCell, TypeTag } from './InstanceCells';
import { InstanceTags } from './InstanceTags';
import { WeightEditor } from './WeightEditor';

// Named for screen readers; the narrow column has no room for the word.
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
} as const;

export interface InstanceTableProps {
  instances: InstanceView[];
  loading: boolean;
  empty: ReactNode;
  canWrite: boolean; // false: values only, no editors
  onUpdate: (instance: InstanceView, patch: UpdateInstanceRequest) => Promise<unknown>;
  onEditTags: (instance: InstanceView) => void;
  onEditMetadata: (instance: InstanceView) => void;
  onDeregister: (instance: InstanceView) => Promise<void>;
}

export function InstanceTable({
  instances,
  loading,
  empty,
  canWrite,
  onUpdate,
  onEditTags,
  onEditMetadata,
  onDeregister,
}: InstanceTableProps) {
  const { t, formatNumber } = useI18n();
  const { token } = theme.useToken();

  const columns: TableColumnsType<InstanceView> = [
    {
      title: t('services.instances.col.address'),
      key: 'address',
      width: 160,
      render: (_value, instance) => (
        <Typography.Text
          copyable={{ text: instanceAddress(instance) }}
          style={{ fontFamily: token.fontFamilyCode }}
          data-testid="instance-address"
        >
          {instanceAddress(instance)}
        </Typography.Text>
      ),
    },
    {
      title: t('services.instances.col.cluster'),
      dataIndex: 'clusterName',
      width: 92,
      ellipsis: true,
    },
    {
      title: t('services.instances.col.health'),
      dataIndex: 'healthy',
      width: 134,
      render: (_healthy: boolean, instance) => <HealthCell instance={instance} />,
    },
    {
      title: t('services.instances.col.weight'),
      dataIndex: 'weight',
      width: 88,
      render: (weight: number, instance) =>
        canWrite ? (
          <WeightEditor
            value={weight}
            ariaLabel={t('services.instances.weight.aria', { address: instanceAddress(instance) })}
            onSave={(next) => onUpdate(instance, { weight: next })}
          />
        ) : (
          <span data-testid="instance-weight">{formatNumber(weight)}</span>
        ),
    },
    {
      title: t('services.instances.col.enabled'),
      dataIndex: 'enabled',
      width: 76,
      render: (_enabled: boolean, instance) => (
        <EnabledCell
          instance={instance}
          canWrite={canWrite}
          onChange={(enabled) => onUpdate(instance, { enabled })}
        />
      ),
    },
    {
      title: t('services.instances.col.type'),
      dataIndex: 'ephemeral',
      width: 88,
      render: (ephemeral: boolean) => <TypeTag ephemeral={ephemeral} />,
    },
    {
      title: t('services.instances.col.tags'),
      dataIndex: 'tags',
      width: 172,
      render: (_tags: string[], instance) => (
        <InstanceTags
          instance={instance}
          canWrite={canWrite}
          onToggleCanary={() => onUpdate(instance, { tags: toggleTag(instance.tags, CANARY_TAG) })}
          onEdit={() => onEditTags(instance)}
        />
      ),
    },
    {
      title: t('services.instances.col.metadata'),
      dataIndex: 'metadata',
      width: 164,
      render: (_metadata: Record<string, string>, instance) => (
        <MetadataCell
          instance={instance}
          canWrite={canWrite}
          onEdit={() => onEditMetadata(instance)}
        />
      ),
    },
  ];
  const actions: TableColumnsType<InstanceView> = [
    {
      title: <span style={VISUALLY_HIDDEN}>{t('services.instances.col.actions')}</span>,
      key: 'actions',
      width: 56,
      align: 'center',
      render: (_value, instance) => (
        <DeregisterButton instance={instance} onConfirm={() => onDeregister(instance)} />
      ),
    },
  ];

  const all = canWrite ? [...columns, ...actions] : columns;
  return (
    <Table<InstanceView>
      rowKey="instanceId"
      size="middle"
      columns={all}
      dataSource={instances}
      loading={loading}
      locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : empty }}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: all.reduce((sum, c) => sum + Number(c.width ?? 0), 0) }}
      data-testid="instance-table"
    />
  );
}
