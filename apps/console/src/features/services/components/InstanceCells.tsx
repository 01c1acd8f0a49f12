import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Popconfirm, Switch, Tag, Tooltip, Typography } from 'antd';
import type { InstanceView } from '@switchboard/shared';
import { useState } from 'react';
import { useI18n } from '../../../i18n/useI18n';
import { metadataEntries } from '../instance-edits';
import { agoMessage, dateTimeWithSeconds, instanceAddress } from '../instance-format';
import { useNow } from '../hooks/useNow';

// The small cells of the instance table.

// Health, and under it what the heartbeats say.
export function HealthCell({ instance }: { instance: InstanceView }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={2}>
      <Badge
        status={instance.healthy ? 'success' : 'error'}
        text={
          instance.healthy ? t('services.instances.healthy') : t('services.instances.unhealthy')
        }
        data-testid="instance-health"
        data-healthy={String(instance.healthy)}
        style={{ whiteSpace: 'nowrap' }}
      />
      <LastBeat instance={instance} />
    </Flex>
  );
}

export function TypeTag({ ephemeral }: { ephemeral: boolean }) {
  const { t } = useI18n();
  return (
    <Tooltip
      title={
        ephemeral ? t('services.instances.ephemeral.hint') : t('services.instances.persistent.hint')
      }
    >
      <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
        {ephemeral ? t('services.instances.ephemeral') : t('services.instances.persistent')}
      </Tag>
    </Tooltip>
  );
}

export interface EnabledCellProps {
  instance: InstanceView;
  canWrite: boolean;
  onChange: (enabled: boolean) => Promise<unknown>;
}

export function EnabledCell({ instance, canWrite, onChange }: EnabledCellProps) {
  const { t } = useI18n();
  const [saving, setSaving] = useState(false);
  if (!canWrite)
    return instance.enabled ? (
      <Tag color="success">{t('services.instances.enabled')}</Tag>
    ) : (
      <Tag>{t('services.instances.disabled')}</Tag>
    );
  return (
    <Switch
      size="small"
      checked={instance.enabled}
      loading={saving}
      aria-label={t('services.instances.enabled.aria', { address: instanceAddress(instance) })}
      data-testid="instance-enabled"
      onChange={async (enabled) => {
        setSaving(true);
        try {
          await onChange(enabled);
        } catch {
          // shown by the page; the switch keeps the server's state
        } finally {
          setSaving(false);
        }
      }}
    />
  );
}

export interface MetadataCellProps {
  instance: InstanceView;
  canWrite: boolean;
  onEdit: () => void;
}

const SHOWN_ENTRIES = 2;

export function MetadataCell({ instance, canWrite, onEdit }: MetadataCellProps) {
  const { t, formatNumber } = useI18n();
  const entries = metadataEntries(instance.metadata);
  const all = entries.map((e) => `${e.key}=${e.value}`);
  return (
    <Flex gap={4} align="flex-start" justify="space-between">
      <Flex gap={4} wrap align="center" style={{ minWidth: 0 }} data-testid="instance-metadata">
        {entries.length === 0 && (
          <Typography.Text type="secondary">{t('services.instances.noMetadata')}</Typography.Text>
        )}
        {all.slice(0, SHOWN_ENTRIES).map((text) => (
          <Tag key={text} style={{ marginInlineEnd: 0, maxWidth: '100%' }}>
            <Typography.Text
              ellipsis={{ tooltip: text }}
              style={{ fontSize: 'inherit', maxWidth: 104 }}
            >
              {text}
            </Typography.Text>
          </Tag>
        ))}
        {all.length > SHOWN_ENTRIES && (
          <Tooltip
            title={all.slice(SHOWN_ENTRIES).map((text) => (
              <div key={text}>{text}</div>
            ))}
          >
            <Tag style={{ marginInlineEnd: 0 }}>
              {t('services.instances.more', { count: formatNumber(all.length - SHOWN_ENTRIES) })}
            </Tag>
          </Tooltip>
        )}
      </Flex>
      {canWrite && (
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          aria-label={t('services.instances.metadata.edit.aria', {
            address: instanceAddress(instance),
          })}
          onClick={onEdit}
          data-testid="instance-metadata-edit"
        />
      )}
    </Flex>
  );
}

function LastBeat({ instance }: { instance: InstanceView }) {
  const { t, formatDateTime } = useI18n();
  const at = instance.lastHeartbeatAt;
  // Healthy instances' beats are not pushed: their time only moves on while they are silent.
  const silent = !!at && !instance.healthy;
  const now = useNow(1000, silent);
  const style = { fontSize: 12, whiteSpace: 'nowrap' } as const;
  if (!at)
    return (
      <Typography.Text type="secondary" style={style} data-testid="instance-last-beat">
        {t('services.instances.beat.none')}
      </Typography.Text>
    );
  const time = dateTimeWithSeconds(at, formatDateTime);
  if (!silent)
    return (
      <Tooltip title={t('services.instances.beat.receiving.hint', { time })}>
        <Typography.Text type="secondary" style={style} data-testid="instance-last-beat">
          {t('services.instances.beat.receiving')}
        </Typography.Text>
      </Tooltip>
    );
  const ago = agoMessage(now - Date.parse(at));
  return (
    <time dateTime={at} title={time} data-testid="instance-last-beat" style={style}>
      <Typography.Text type="danger" style={{ fontSize: 12 }}>
        {t('services.instances.beat.last', { ago: t(ago.key, { count: ago.count }) })}
      </Typography.Text>
    </time>
  );
}

export interface DeregisterButtonProps {
  instance: InstanceView;
  onConfirm: () => Promise<void>;
}

// A compact danger button that asks before removing the instance from discovery.
export function DeregisterButton({ instance, onConfirm }: DeregisterButtonProps) {
  const { t } = useI18n();
  const address = instanceAddress(instance);
  return (
    <Popconfirm
      title={t('services.instances.deregister.title', { address })}
      description={
        <div style={{ maxWidth: 300 }}>{t('services.instances.deregister.description')}</div>
      }
      okText={t('services.instances.deregister')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      placement="topRight"
      onConfirm={onConfirm}
    >
      <Tooltip title={t('services.instances.deregister')} placement="left">
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('services.instances.deregister.aria', { address })}
          data-testid="instance-deregister"
        />
      </Tooltip>
    </Popconfirm>
  );
}
