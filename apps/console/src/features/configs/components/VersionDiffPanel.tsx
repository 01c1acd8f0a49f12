import { CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import type { ConfigKey, ConfigVersionDetailView } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { errorMessage } from '../../../api/error-display';
import { useRemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { LazyDiffViewer } from '../../../ui/code-editor/LazyDiffViewer';
import { PageLoading } from '../../../ui/PageLoading';
import { OP_LABEL_KEYS } from './VersionOpTag';

export interface VersionDiffPanelProps {
  configKey: ConfigKey;
  from: number;
  to: number;
  onClose: () => void;
}

// Two recorded versions side by side (read-only), the older on the left.
export function VersionDiffPanel({ configKey, from, to, onClose }: VersionDiffPanelProps) {
  const { t, formatDateTime } = useI18n();
  const { namespaceId, group, dataId } = configKey;
  const pair = useRemoteData(
    (signal) => Promise.all([api.getVersion(configKey, from, signal), api.getVersion(configKey, to, signal)]),
    [namespaceId, group, dataId, from, to],
  );
  const label = (v: ConfigVersionDetailView) =>
    t('configs.history.diffLabel', {
      version: v.version,
      op: t(OP_LABEL_KEYS[v.op]),
      user: v.author,
      time: formatDateTime(v.createdAt),
    });

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('configs.history.diffTitle', { from, to })}
      extra={<Button type="text" icon={<CloseOutlined />} aria-label={t('configs.history.closeDiff')} onClick={onClose} />}
      data-testid="config-history-diff"
    >
      {pair.status === 'error' ? (
        <Alert type="error" showIcon title={errorMessage(pair.error, t)} />
      ) : pair.data ? (
        <LazyDiffViewer
          original={pair.data[0].content}
          modified={pair.data[1].content}
          type={pair.data[1].type}
          originalLabel={label(pair.data[0])}
          modifiedLabel={label(pair.data[1])}
          height="min(48vh, 520px)"
          testId="config-version-diff"
        />
      ) : (
        <PageLoading />
      )}
    </Card>
  );
}
