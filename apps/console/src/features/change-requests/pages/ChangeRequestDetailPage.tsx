import { ArrowLeftOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ERROR_CODES } from '@switchboard/shared';
import * as api from '../../../api/change-requests.api';
import { errorMessage, useErrorToast } from '../../../api/error-display';
import type { MessageKey } from '../../../i18n/messages.en';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { RouterButton } from '../../configs/components/RouterButton';
import { ChangeItemCard } from '../components/ChangeItemCard';
import { ChangeRequestActions, type ReviewAction } from '../components/ChangeRequestActions';
import { ChangeRequestFacts } from '../components/ChangeRequestFacts';
import { CommentsPanel } from '../components/CommentsPanel';
import { useChangeRequest } from '../hooks/useChangeRequest';

const ACTIONS: Record<ReviewAction, { call: typeof api.approveChangeRequest; done: MessageKey }> = {
  approve: { call: api.approveChangeRequest, done: 'changeRequests.done.approve' },
  reject: { call: api.rejectChangeRequest, done: 'changeRequests.done.reject' },
  apply: { call: api.applyChangeRequest, done: 'changeRequests.done.apply' },
  withdraw: { call: api.withdrawChangeRequest, done: 'changeRequests.done.withdraw' },
  rebase: { call: api.rebaseChangeRequest, done: 'changeRequests.done.rebase' },
};

export function ChangeRequestDetailPage() {
  const { namespaceId = '', id = '' } = useParams();
  // Another request is another page: nothing of this one's state may carry over.
  return <ChangeRequestDetail key={`${namespaceId}/${id}`} namespaceId={namespaceId} id={id} />;
}

function ChangeRequestDetail({ namespaceId, id }: { namespaceId: string; id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const navigate = useNavigate();
  const doc = useChangeRequest({ namespaceId, id });
  const [busy, setBusy] = useState<ReviewAction>();
  const listPath = namespacePath(namespaceId, 'change-requests');
  const request = doc.request;

  if (!request) {
    if (doc.status !== 'error') return <PageLoading />;
    const notFound = doc.error?.code === ERROR_CODES.CHANGE_REQUEST_NOT_FOUND;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('changeRequests.detail.notFound') : t('changeRequests.detail.loadError')}
        subTitle={notFound ? undefined : errorMessage(doc.error, t)}
        extra={[
          <Button key="back" onClick={() => navigate(listPath)}>
            {t('changeRequests.backToList')}
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

  // Each action names the revision it was decided on: a request changed meanwhile is refused
  // (and shown again) instead of being approved or applied unseen.
  const act = async (action: ReviewAction) => {
    setBusy(action);
    try {
      const next = await ACTIONS[action].call({ namespaceId, id }, { expectedRevision: request.revision });
      doc.replace(next);
      void message.success(t(ACTIONS[action].done));
    } catch (error) {
      showError(error);
      doc.reload();
    } finally {
      setBusy(undefined);
    }
  };

  const comment = async (body: string) => {
    try {
      doc.replace(await api.commentChangeRequest({ namespaceId, id }, { body }));
    } catch (error) {
      showError(error);
      throw error;
    }
  };

  const stale = request.items.some((item) => item.stale) && request.state !== 'applied';
  const appliedVersion = (group: string, dataId: string) =>
    request.appliedVersions.find((v) => v.group === group && v.dataId === dataId)?.version;

  return (
    <>
      <PageHeader
        title={
          <span style={{ wordBreak: 'break-word' }} data-testid="change-request-title">
            {request.title}
          </span>
        }
        subtitle={t('changeRequests.detail.subtitle', { namespaceId, count: request.items.length })}
        extra={
          <>
            <RouterButton to={listPath} icon={<ArrowLeftOutlined />}>
              {t('changeRequests.backToList')}
            </RouterButton>
            <ChangeRequestActions request={request} busy={busy} onAction={act} />
          </>
        }
      />
      <ChangeRequestFacts request={request} />
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('changeRequests.stale.title')}
          description={t(request.allowed.rebase ? 'changeRequests.stale.rebase' : 'changeRequests.stale.wait')}
          action={
            request.allowed.rebase && (
              <Button icon={<SyncOutlined />} loading={busy === 'rebase'} onClick={() => act('rebase')} data-testid="change-request-stale-rebase">
                {t('changeRequests.action.rebase')}
              </Button>
            )
          }
          data-testid="change-request-stale"
        />
      )}
      {request.state === 'applied' && request.appliedVersions.length > 0 && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="change-request-applied"
          title={t('changeRequests.applied.title')}
          description={
            <Flex vertical gap={2}>
              {request.appliedVersions.map((v) => (
                <Typography.Text key={`${v.group}/${v.dataId}`} data-testid="change-request-applied-version" data-version={v.version}>
                  {t('changeRequests.applied.version', { config: `${v.group}/${v.dataId}`, version: v.version })}
                </Typography.Text>
              ))}
            </Flex>
          }
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('changeRequests.detail.changes')}
      </Typography.Title>
      {request.items.map((item) => (
        <ChangeItemCard
          key={`${item.group}/${item.dataId}`}
          namespaceId={namespaceId}
          item={item}
          appliedVersion={appliedVersion(item.group, item.dataId)}
        />
      ))}
      <CommentsPanel comments={request.comments} onAdd={comment} />
    </>
  );
}
