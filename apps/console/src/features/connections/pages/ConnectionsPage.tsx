import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import { DEFAULT_NAMESPACE_ID } from '@switchboard/shared';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { ConnectionTable } from '../components/ConnectionTable';
import { countMessage, filterConnections, timeWithSeconds } from '../connection-list';
import { REFRESH_EVERY_MS, useSdkConnections } from '../hooks/useSdkConnections';

export function ConnectionsPage() {
  const { namespaceId = DEFAULT_NAMESPACE_ID } = useParams();
  return <Connections key={namespaceId} namespaceId={namespaceId} />;
}

// The Nacos SDK (gRPC) connections of a namespace across the cluster. Nothing is pushed for this
// list: it is asked again every few seconds while the page is visible, and on Refresh.
function Connections({ namespaceId }: { namespaceId: string }) {
  const { t } = useI18n();
  const connections = useSdkConnections(namespaceId);
  const { view, status, error, refresh } = connections;
  const [query, setQuery] = useState('');
  const visible = useMemo(() => filterConnections(view?.connections ?? [], query), [view, query]);
  const filtered = query.trim() !== '';

  const header = (
    <PageHeader
      title={t('nav.connections')}
      subtitle={t('connections.subtitle', { namespace: namespaceId, seconds: REFRESH_EVERY_MS / 1000 })}
      extra={
        <>
          {view && (
            <Typography.Text type="secondary" data-testid="connections-updated">
              {t('connections.updated', { time: timeWithSeconds(view.at) })}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} onClick={refresh} data-testid="connections-refresh">
            {t('connections.refresh')}
          </Button>
        </>
      }
    />
  );

  if (!view && status === 'error')
    return (
      <>
        {header}
        <Alert
          type="error"
          showIcon
          title={t('connections.loadError')}
          description={errorMessage(error, t)}
          action={<Button onClick={refresh}>{t('common.retry')}</Button>}
          data-testid="connections-error"
        />
      </>
    );

  return (
    <>
      {header}
      {view && status === 'error' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('connections.staleError', { time: timeWithSeconds(view.at) })}
          description={errorMessage(error, t)}
          data-testid="connections-stale"
        />
      )}
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('connections.filter.placeholder')}
          aria-label={t('connections.filter.label')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 360 }}
          data-testid="connections-filter"
        />
        {view && (
          <Typography.Text type="secondary" style={{ marginLeft: 'auto' }} data-testid="connections-count">
            {t(countMessage(visible.length, 'connections.count.one', 'connections.count.other'), { count: visible.length })}
          </Typography.Text>
        )}
      </Flex>
      <ConnectionTable
        namespaceId={namespaceId}
        items={visible}
        serverAt={view?.at ?? new Date(0).toISOString()}
        receivedAtMs={connections.receivedAtMs}
        loading={!view}
        // Nothing is said to be empty before the first answer: the table shows it is loading.
        empty={
          view ? (
            <EmptyState
              testId="connections-empty"
              title={filtered ? t('connections.empty.filtered', { query: query.trim() }) : t('connections.empty.title')}
              description={filtered ? undefined : t('connections.empty.description')}
            />
          ) : (
            <span />
          )
        }
      />
    </>
  );
}
