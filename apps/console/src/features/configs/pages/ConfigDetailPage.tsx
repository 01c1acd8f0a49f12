import { ArrowLeftOutlined, DeleteOutlined, ExperimentOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Result, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ERROR_CODES, type ConfigKey, type PublishConfigRequest } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { errorMessage, useErrorToast } from '../../../api/error-display';
import { usePermissions } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { RequestReviewDialog } from '../../change-requests/components/RequestReviewDialog';
import { reviewRequired, useReviewPolicy } from '../../change-requests/hooks/useReviewPolicy';
import { AttributeSettings } from '../components/AttributeSettings';
import { ConfigContentTab } from '../components/ConfigContentTab';
import { ConfigSummary } from '../components/ConfigSummary';
import { HistoryTab } from '../components/HistoryTab';
import { ListenersTab } from '../components/ListenersTab';
import { RouterButton } from '../components/RouterButton';
import { SchemaSettings } from '../components/SchemaSettings';
import { isDirty } from '../hooks/config-editor.reducer';
import { useConfigDocument } from '../hooks/useConfigDocument';
import { useUnsavedChangesPrompt } from '../hooks/useUnsavedChangesPrompt';

const TABS = ['content', 'history', 'listeners', 'settings'] as const;
type TabKey = (typeof TABS)[number];

export function ConfigDetailPage() {
  const { namespaceId = '', group = '', dataId = '' } = useParams();
  // Another config is another page: nothing of this one's state may carry over.
  return <ConfigDetail key={`${namespaceId}/${group}/${dataId}`} namespaceId={namespaceId} group={group} dataId={dataId} />;
}

function ConfigDetail({ namespaceId, group, dataId }: ConfigKey) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const navigate = useNavigate();
  const configKey = useMemo<ConfigKey>(() => ({ namespaceId, group, dataId }), [namespaceId, group, dataId]);
  const writable = usePermissions().canWrite(namespaceId);
  const reviewed = reviewRequired(useReviewPolicy(namespaceId));
  const [requestingDelete, setRequestingDelete] = useState(false);
  const doc = useConfigDocument(configKey);
  const { state, dispatch } = doc;
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'content';
  const listPath = namespacePath(namespaceId, 'configs');
  useUnsavedChangesPrompt(writable && isDirty(state));

  const base = state.base;
  if (!base) {
    if (doc.status !== 'error') return <PageLoading />;
    const notFound = doc.error?.code === ERROR_CODES.CONFIG_NOT_FOUND;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('configs.detail.notFound', { dataId, group }) : t('configs.detail.loadError')}
        subTitle={notFound ? undefined : errorMessage(doc.error, t)}
        extra={[
          <Button key="back" onClick={() => navigate(listPath)}>
            {t('configs.backToList')}
          </Button>,
          !notFound && (
            <Button key="retry" type="primary" onClick={doc.reload}>
              {t('common.retry')}
            </Button>
          ),
        ]}
      />
    );
  }

  const save = async (patch: Partial<PublishConfigRequest>) => {
    try {
      const config = await api.publishConfig(configKey, { content: base.content, type: base.type, expectedVersion: base.version, ...patch });
      dispatch({ type: 'published', config });
      void message.success(t('configs.settings.saved', { version: config.version }));
    } catch (error) {
      showError(error);
    }
  };

  const rollback = async (version: number) => {
    try {
      const config = await api.rollbackConfig(configKey, { version, expectedVersion: base.version });
      dispatch({ type: 'published', config });
      void message.success(t('configs.rollback.done', { version, next: config.version }));
    } catch (error) {
      showError(error);
    }
  };

  const remove = async () => {
    try {
      await api.deleteConfig(configKey, base.version);
      void message.success(t('configs.deleted', { dataId }));
      navigate(listPath);
    } catch (error) {
      showError(error);
    }
  };

  const items = [
    {
      key: 'content',
      label: t('configs.tab.content'),
      children: (
        <ConfigContentTab configKey={configKey} state={state} dispatch={dispatch} canWrite={writable} reviewRequired={reviewed} />
      ),
    },
    {
      key: 'history',
      label: t('configs.tab.history'),
      children: <HistoryTab configKey={configKey} current={base} canWrite={writable} dirty={isDirty(state)} onRollback={rollback} />,
    },
    { key: 'listeners', label: t('configs.tab.listeners'), children: <ListenersTab configKey={configKey} md5={base.md5} /> },
    {
      key: 'settings',
      label: t('configs.tab.settings'),
      children: (
        <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', alignItems: 'start' }}>
          <SchemaSettings configKey={configKey} config={base} canWrite={writable} onSave={save} />
          <AttributeSettings config={base} canWrite={writable} onSave={save} />
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={
          <span style={{ wordBreak: 'break-all' }} data-testid="config-title">
            {dataId}
          </span>
        }
        subtitle={<ConfigSummary config={base} />}
        extra={
          <>
            <RouterButton to={listPath} icon={<ArrowLeftOutlined />}>
              {t('configs.backToList')}
            </RouterButton>
            <RouterButton to={namespacePath(namespaceId, 'configs', group, dataId, 'canary')} icon={<ExperimentOutlined />} testId="config-canary-link">
              {t('configs.canary')}
            </RouterButton>
            {writable && reviewed && (
              <Button danger icon={<DeleteOutlined />} onClick={() => setRequestingDelete(true)} data-testid="config-delete-request">
                {t('common.delete')}
              </Button>
            )}
            {writable && !reviewed && (
              <Popconfirm
                title={t('configs.delete.title', { dataId })}
                description={t('configs.delete.description')}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={remove}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="config-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        items={items}
        destroyOnHidden
        onChange={(key) => setSearchParams(key === 'content' ? {} : { tab: key }, { replace: true })}
      />
      {reviewed && (
        <RequestReviewDialog
          open={requestingDelete}
          namespaceId={namespaceId}
          item={{ group, dataId, action: 'delete', baseVersion: base.version }}
          base={{ content: base.content, version: base.version }}
          onCancel={() => setRequestingDelete(false)}
        />
      )}
    </>
  );
}
