import { FileTextOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { CanaryView, ConfigKey } from '@switchboard/shared';
import { errorMessage } from '../../../api/error-display';
import { usePermissions } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { ActiveCanaryView } from '../components/ActiveCanaryView';
import { CanaryHistoryTable } from '../components/CanaryHistoryTable';
import { NoCanaryView } from '../components/NoCanaryView';
import { EVENTS_PAGE_SIZE, useCanaryEvents } from '../hooks/useCanaryEvents';
import { useCanaryActions } from '../hooks/useCanaryActions';
import { useCanaryRollout } from '../hooks/useCanaryRollout';

// The canary release of one config: start it, watch it roll out live, steer, promote or abort it.
export function CanaryPage() {
  const params = useParams();
  const namespaceId = params.namespaceId ?? '';
  const group = params.group ?? '';
  const dataId = params.dataId ?? '';
  // Another config is another page: nothing seen on the previous one carries over.
  return (
    <ConfigCanary
      key={`${namespaceId}/${group}/${dataId}`}
      namespaceId={namespaceId}
      group={group}
      dataId={dataId}
    />
  );
}

function ConfigCanary({ namespaceId, group, dataId }: ConfigKey) {
  const { t } = useI18n();
  const key = useMemo(() => ({ namespaceId, group, dataId }), [namespaceId, group, dataId]);
  const canWrite = usePermissions().canWrite(namespaceId);

  const rollout = useCanaryRollout(key);
  const view = rollout.view;
  const canary: CanaryView | null = view?.canary ?? null;
  const events = useCanaryEvents(
    key,
    view ? `${canary?.id ?? 'none'}:${canary?.revision ?? 0}` : 'loading',
  );
  const actions = useCanaryActions(key, rollout.refresh);

  // Once a canary was seen running here, its end is shown first (result and convergence).
  const [sawActive, setSawActive] = useState(false);
  useEffect(() => {
    if (canary) setSawActive(true);
  }, [canary]);

  const live = rollout.status === 'live';
  const status = !view ? null : canary ? (
    <Tag color="orange" data-testid="canary-status">
      {t('canary.status.active', { weight: canary.target.weight })}
    </Tag>
  ) : (
    <Tag data-testid="canary-status">{t('canary.status.none')}</Tag>
  );

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12} wrap>
            {t('canary.page.title', { dataId })}
            {status}
          </Flex>
        }
        subtitle={t('canary.page.subtitle', { namespaceId, group, dataId })}
        extra={
          <>
            <Link to={namespacePath(namespaceId, 'configs', group, dataId)}>
              <FileTextOutlined /> {t('canary.page.openConfig')}
            </Link>
            <Link to={namespacePath(namespaceId, 'canaries')}>
              <UnorderedListOutlined /> {t('canary.page.allCanaries')}
            </Link>
          </>
        }
      />
      {!view ? (
        rollout.status === 'error' ? (
          <Alert
            type="error"
            showIcon
            title={t('canary.page.loadError')}
            description={errorMessage(rollout.error, t)}
            action={<Button onClick={rollout.refresh}>{t('common.retry')}</Button>}
            data-testid="canary-load-error"
          />
        ) : (
          <PageLoading />
        )
      ) : canary ? (
        <ActiveCanaryView
          rollout={{ ...view, canary }}
          live={live}
          canWrite={canWrite}
          actions={actions}
        />
      ) : (
        <NoCanaryView
          configKey={key}
          rollout={view}
          live={live}
          canWrite={canWrite}
          justEnded={sawActive}
          latest={events.pageNo === 1 ? events.data?.items[0] : undefined}
          actions={actions}
        />
      )}
      <Card title={t('canary.history.title')} style={{ marginTop: 16 }}>
        <CanaryHistoryTable events={events} pageSize={EVENTS_PAGE_SIZE} />
      </Card>
    </>
  );
}
