import { CloseOutlined, CopyOutlined, DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Tooltip, Typography, theme } from 'antd';
import { useI18n } from '../../../i18n/useI18n';
import { exportSelection } from '../config-selection';

export interface BulkActionBarProps {
  selected: readonly string[];
  canWrite: boolean;
  busy: 'export' | 'delete' | undefined;
  onExport: () => void;
  onClone: () => void;
  onDelete: () => Promise<void>;
  onClear: () => void;
}

// Actions on the selected rows, shown while any are selected.
export function BulkActionBar({ selected, canWrite, busy, onExport, onClone, onDelete, onClear }: BulkActionBarProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  if (!selected.length) return null;
  const exportable = exportSelection(selected) !== undefined;
  return (
    <Flex
      align="center"
      gap={8}
      wrap
      role="toolbar"
      aria-label={t('configs.bulk.label')}
      data-testid="config-bulk-bar"
      style={{ padding: '8px 12px', marginBottom: 12, background: token.colorPrimaryBg, borderRadius: token.borderRadius }}
    >
      <Typography.Text strong style={{ marginInlineEnd: 8 }}>
        {t('configs.bulk.selected', { count: selected.length })}
      </Typography.Text>
      <Tooltip title={exportable ? undefined : t('configs.bulk.exportOneGroup')}>
        <Button icon={<DownloadOutlined />} onClick={onExport} disabled={!exportable} loading={busy === 'export'} data-testid="config-bulk-export">
          {t('configs.export')}
        </Button>
      </Tooltip>
      {canWrite && (
        <Button icon={<CopyOutlined />} onClick={onClone} data-testid="config-bulk-clone">
          {t('configs.clone')}
        </Button>
      )}
      {canWrite && (
        <Popconfirm
          title={t('configs.bulk.deleteTitle', { count: selected.length })}
          description={t('configs.delete.description')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={onDelete}
        >
          <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'} data-testid="config-bulk-delete">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
      <Button type="text" icon={<CloseOutlined />} onClick={onClear} style={{ marginInlineStart: 'auto' }}>
        {t('configs.bulk.clear')}
      </Button>
    </Flex>
  );
}
