import { App, Tag, Typography, theme, type TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  ADMIN_ROLE,
  ALL_NAMESPACES,
  type PermissionAction,
  type PermissionView,
} from '@switchboard/shared';
import * as authApi from '../../../api/auth.api';
import { useErrorToast } from '../../../api/error-display';
import { listNamespaces } from '../../../api/namespaces.api';
import { useRemoteData } from '../../../api/useRemoteData';
import type { MessageKey } from '../../../i18n/messages.en';
import { useI18n } from '../../../i18n/useI18n';
import { ConfirmDeleteButton } from '../../../ui/ConfirmDeleteButton';
import { CreateButton } from '../../../ui/CreateButton';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { RemoteTable } from '../../../ui/RemoteTable';
import { GrantPermissionDialog } from '../components/GrantPermissionDialog';

const keyOf = (p: PermissionView) => `${p.role}|${p.namespaceId}|${p.action}`;

const ACTION_LABEL_KEYS: Record<PermissionAction, MessageKey> = {
  read: 'permissions.action.read',
  write: 'permissions.action.write',
  review: 'permissions.action.review',
};
const ACTION_COLORS: Record<PermissionAction, string> = { read: 'green', write: 'orange', review: 'geekblue' };

export function PermissionListPage() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const permissions = useRemoteData((signal) => authApi.listPermissions(signal));
  const roles = useRemoteData((signal) => authApi.listRoles(signal));
  const namespaces = useRemoteData((signal) => listNamespaces(signal));
  const [open, setOpen] = useState(false);

  const namespaceLabel = (id: string) =>
    id === ALL_NAMESPACES ? t('permissions.allNamespaces') : id;
  const actionLabel = (action: PermissionView['action']) => t(ACTION_LABEL_KEYS[action]);

  const revoke = async (p: PermissionView) => {
    try {
      await authApi.revokePermission(p);
      void message.success(t('permissions.revoked'));
      permissions.reload();
    } catch (error) {
      showError(error);
    }
  };

  const columns: TableColumnsType<PermissionView> = [
    {
      title: t('permissions.col.role'),
      dataIndex: 'role',
      render: (role: string) => <Typography.Text strong>{role}</Typography.Text>,
    },
    {
      title: t('permissions.col.namespace'),
      dataIndex: 'namespaceId',
      render: (id: string) =>
        id === ALL_NAMESPACES ? (
          <Tag color="purple">{namespaceLabel(id)}</Tag>
        ) : (
          <span style={{ fontFamily: token.fontFamilyCode }}>{id}</span>
        ),
    },
    {
      title: t('permissions.col.action'),
      dataIndex: 'action',
      width: 160,
      render: (action: PermissionView['action']) => (
        <Tag color={ACTION_COLORS[action]}>{actionLabel(action)}</Tag>
      ),
    },
    {
      title: t('permissions.col.actions'),
      key: 'actions',
      width: 140,
      render: (_value, p) => {
        const vars = {
          role: p.role,
          namespace: namespaceLabel(p.namespaceId),
          action: actionLabel(p.action),
        };
        return (
          <ConfirmDeleteButton
            label={t('permissions.revoke')}
            ariaLabel={t('permissions.revoke.aria', vars)}
            title={t('permissions.revoke.title')}
            description={t('permissions.revoke.description', vars)}
            onConfirm={() => revoke(p)}
          />
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('permissions.title')}
        subtitle={t('permissions.subtitle')}
        extra={
          <CreateButton onClick={() => setOpen(true)} testId="permission-grant">
            {t('permissions.grant')}
          </CreateButton>
        }
      />
      <RemoteTable<PermissionView>
        remote={permissions}
        loadErrorTitle={t('permissions.loadError')}
        rowKey={keyOf}
        columns={columns}
        dataSource={permissions.data ?? []}
        locale={{ emptyText: <EmptyState title={t('permissions.empty')} /> }}
        footer={() => (
          <Typography.Text type="secondary">{t('permissions.adminHint')}</Typography.Text>
        )}
        data-testid="permission-table"
      />
      <GrantPermissionDialog
        open={open}
        roles={(roles.data ?? []).map((r) => r.role).filter((r) => r !== ADMIN_ROLE)}
        namespaces={namespaces.data ?? []}
        onCancel={() => setOpen(false)}
        onSubmit={async (body) => {
          await authApi.grantPermission(body);
          void message.success(t('permissions.granted', { role: body.role }));
          setOpen(false);
          permissions.reload();
        }}
      />
    </>
  );
}
