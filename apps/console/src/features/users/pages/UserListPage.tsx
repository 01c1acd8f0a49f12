import { ApiOutlined, KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ADMIN_ROLE, type CreatedAccessTokenView, type UserView } from '@switchboard/shared';
import * as authApi from '../../../api/auth.api';
import { useErrorToast } from '../../../api/error-display';
import { useRemoteData } from '../../../api/useRemoteData';
import { useCurrentUser } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { ConfirmDeleteButton } from '../../../ui/ConfirmDeleteButton';
import { CreateButton } from '../../../ui/CreateButton';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { RemoteTable } from '../../../ui/RemoteTable';
import { CreateAccessTokenDialog } from '../../access-tokens/components/CreateAccessTokenDialog';
import { TokenCreatedDialog } from '../../access-tokens/components/TokenCreatedDialog';
import { UserFormDialog } from '../components/UserFormDialog';

type Dialog = { open: false; resetFor?: string } | { open: true; resetFor?: string };

export function UserListPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const me = useCurrentUser();
  const users = useRemoteData((signal) => authApi.listUsers(signal));
  const [dialog, setDialog] = useState<Dialog>({ open: false });
  // A token of a service account (a deploy pipeline, say), possibly allowed to bypass review.
  const [tokenFor, setTokenFor] = useState<string>();
  const [createdToken, setCreatedToken] = useState<CreatedAccessTokenView>();

  // A change to one user from its row: the outcome as a toast, then the list read again.
  const act = async (work: Promise<unknown>, success: string) => {
    try {
      await work;
      void message.success(success);
      users.reload();
    } catch (error) {
      showError(error);
    }
  };
  const remove = (user: UserView) => act(authApi.deleteUser(user.username), t('users.deleted', { name: user.username }));
  const unlock = (user: UserView) => act(authApi.unlockUser(user.username), t('users.unlocked', { name: user.username }));

  const columns: TableColumnsType<UserView> = [
    {
      title: t('users.col.username'),
      dataIndex: 'username',
      render: (name: string) => (
        <Space size={6}>
          <span data-testid="user-username">{name}</span>
          {name === me?.username && <Tag>{t('users.you')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.col.roles'),
      dataIndex: 'roles',
      render: (roles: string[]) =>
        roles.length ? (
          roles.map((role) => (
            <Tag key={role} color={role === ADMIN_ROLE ? 'gold' : 'blue'}>
              {role}
            </Tag>
          ))
        ) : (
          <span style={{ opacity: 0.45 }}>{t('users.noRoles')}</span>
        ),
    },
    {
      title: t('users.col.status'),
      key: 'status',
      width: 200,
      render: (_value, user) =>
        user.locked ? (
          <Tooltip
            title={user.lockouts.map((l) => (
              <div key={l.address}>{t('users.status.lockedFrom', { address: l.address, time: formatDateTime(l.lockedUntil) })}</div>
            ))}
          >
            <Tag color="error" data-testid="user-locked">
              {t('users.status.lockedAddresses', { count: user.lockouts.length })}
            </Tag>
          </Tooltip>
        ) : (
          <Tag color="success">{t('users.status.active')}</Tag>
        ),
    },
    {
      title: t('users.col.createdAt'),
      dataIndex: 'createdAt',
      width: 160,
      render: (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time>,
    },
    {
      title: t('users.col.actions'),
      key: 'actions',
      width: 430,
      render: (_value, user) => {
        const self = user.username === me?.username;
        return (
          <Space size={0}>
            {user.locked && (
              <Button
                type="link"
                size="small"
                icon={<UnlockOutlined />}
                aria-label={t('users.unlock.aria', { name: user.username })}
                data-testid="user-unlock"
                onClick={() => void unlock(user)}
              >
                {t('users.unlock')}
              </Button>
            )}
            <Button
              type="link"
              size="small"
              icon={<KeyOutlined />}
              aria-label={t('users.resetPassword.aria', { name: user.username })}
              onClick={() => setDialog({ open: true, resetFor: user.username })}
            >
              {t('users.resetPassword')}
            </Button>
            <Button
              type="link"
              size="small"
              icon={<ApiOutlined />}
              aria-label={t('users.createToken.aria', { name: user.username })}
              data-testid="user-create-token"
              onClick={() => setTokenFor(user.username)}
            >
              {t('users.createToken')}
            </Button>
            <ConfirmDeleteButton
              label={t('common.delete')}
              ariaLabel={t('users.delete.aria', { name: user.username })}
              title={t('users.delete.title', { name: user.username })}
              description={t('users.delete.description')}
              onConfirm={() => remove(user)}
              disabled={self}
              disabledHint={t('users.delete.self')}
            />
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <CreateButton onClick={() => setDialog({ open: true })} testId="user-create">
            {t('users.create')}
          </CreateButton>
        }
      />
      <RemoteTable<UserView>
        remote={users}
        loadErrorTitle={t('users.loadError')}
        rowKey="username"
        columns={columns}
        dataSource={users.data ?? []}
        locale={{ emptyText: <EmptyState title={t('users.empty')} /> }}
        data-testid="user-table"
      />
      <UserFormDialog
        open={dialog.open}
        resetFor={dialog.resetFor}
        onCancel={() => setDialog((d) => ({ ...d, open: false }))}
        onSubmit={async (username, password) => {
          if (dialog.resetFor) {
            await authApi.changePassword(username, password);
            void message.success(t('users.passwordChanged', { name: username }));
          } else {
            await authApi.createUser({ username, password });
            void message.success(t('users.created', { name: username }));
            users.reload();
          }
          setDialog((d) => ({ ...d, open: false }));
        }}
      />
      <CreateAccessTokenDialog
        open={tokenFor !== undefined}
        forUser={tokenFor}
        canPublishDirect
        onCancel={() => setTokenFor(undefined)}
        onSubmit={async (body) => {
          if (tokenFor === undefined) return;
          setCreatedToken(await authApi.createUserAccessToken(tokenFor, body));
          setTokenFor(undefined);
        }}
      />
      <TokenCreatedDialog created={createdToken} onClose={() => setCreatedToken(undefined)} />
    </>
  );
}
