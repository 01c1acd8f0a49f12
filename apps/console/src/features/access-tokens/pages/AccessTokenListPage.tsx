import { App, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { AccessTokenView, CreatedAccessTokenView } from '@switchboard/shared';
import * as authApi from '../../../api/auth.api';
import { useErrorToast } from '../../../api/error-display';
import { useRemoteData } from '../../../api/useRemoteData';
import { usePermissions } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { ConfirmDeleteButton } from '../../../ui/ConfirmDeleteButton';
import { CreateButton } from '../../../ui/CreateButton';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { RemoteTable } from '../../../ui/RemoteTable';
import { CreateAccessTokenDialog } from '../components/CreateAccessTokenDialog';
import { TokenCreatedDialog } from '../components/TokenCreatedDialog';

// The signed-in user's own tokens, for scripts and CI (sent like the console's bearer token).
export function AccessTokenListPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const { isAdmin } = usePermissions();
  const tokens = useRemoteData((signal) => authApi.listAccessTokens(signal));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedAccessTokenView>();

  const revoke = async (token: AccessTokenView) => {
    try {
      await authApi.revokeAccessToken(token.id);
      void message.success(t('tokens.revoked', { name: token.name }));
      tokens.reload();
    } catch (error) {
      showError(error);
    }
  };

  const time = (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time>;
  const muted = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

  const columns: TableColumnsType<AccessTokenView> = [
    {
      title: t('tokens.col.name'),
      dataIndex: 'name',
      render: (name: string, token) => (
        <span>
          <span data-testid="token-name">{name}</span>
          {token.publishDirect && (
            <Tooltip title={t('tokens.publishDirect.hint')}>
              <Tag color="volcano" style={{ marginInlineStart: 8 }} data-testid="token-publish-direct">
                {t('tokens.publishDirect')}
              </Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    { title: t('tokens.col.createdAt'), dataIndex: 'createdAt', width: 170, render: time },
    {
      title: t('tokens.col.expiresAt'),
      dataIndex: 'expiresAt',
      width: 190,
      render: (iso: string | null) =>
        !iso ? (
          muted(t('tokens.never'))
        ) : Date.parse(iso) <= Date.now() ? (
          <span>
            {time(iso)} <Tag color="error">{t('tokens.expired')}</Tag>
          </span>
        ) : (
          time(iso)
        ),
    },
    {
      title: t('tokens.col.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 170,
      render: (iso: string | null) => (iso ? time(iso) : muted(t('tokens.notUsed'))),
    },
    {
      title: t('tokens.col.actions'),
      key: 'actions',
      width: 130,
      render: (_value, token) => (
        <ConfirmDeleteButton
          label={t('tokens.revoke')}
          ariaLabel={t('tokens.revoke.aria', { name: token.name })}
          title={t('tokens.revoke.title', { name: token.name })}
          description={t('tokens.revoke.description')}
          onConfirm={() => revoke(token)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <CreateButton onClick={() => setCreating(true)} testId="token-create">
            {t('tokens.create')}
          </CreateButton>
        }
      />
      <RemoteTable<AccessTokenView>
        remote={tokens}
        loadErrorTitle={t('tokens.loadError')}
        rowKey="id"
        columns={columns}
        dataSource={tokens.data ?? []}
        locale={{
          emptyText: (
            <EmptyState
              title={t('tokens.empty.title')}
              description={t('tokens.empty.description')}
            />
          ),
        }}
        data-testid="token-table"
      />
      <CreateAccessTokenDialog
        open={creating}
        canPublishDirect={isAdmin}
        onCancel={() => setCreating(false)}
        onSubmit={async (body) => {
          const answer = await authApi.createAccessToken(body);
          setCreating(false);
          setCreated(answer);
          tokens.reload();
        }}
      />
      <TokenCreatedDialog created={created} onClose={() => setCreated(undefined)} />
    </>
  );
}
