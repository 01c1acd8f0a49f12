import { CloseOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Flex,
  Popconfirm,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { ADMIN_ROLE, type RoleView } from '@switchboard/shared';
import * as authApi from '../../../api/auth.api';
import { useErrorToast } from '../../../api/error-display';
import { useRemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { CreateButton } from '../../../ui/CreateButton';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { RemoteTable } from '../../../ui/RemoteTable';
import { BindRoleDialog } from '../components/BindRoleDialog';

export function RoleListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const roles = useRemoteData((signal) => authApi.listRoles(signal));
  const users = useRemoteData((signal) => authApi.listUsers(signal));
  const [open, setOpen] = useState(false);

  const unbind = async (role: string, username: string) => {
    try {
      await authApi.unbindRole(role, username);
      void message.success(t('roles.unbound', { user: username, role }));
      roles.reload();
    } catch (error) {
      showError(error);
    }
  };

  const columns: TableColumnsType<RoleView> = [
    {
      title: t('roles.col.role'),
      dataIndex: 'role',
      width: 240,
      render: (role: string) => (
        <Flex gap={8} align="center">
          <Typography.Text strong data-testid="role-name">
            {role}
          </Typography.Text>
          {role === ADMIN_ROLE && (
            <Tooltip title={t('roles.builtIn.hint')}>
              <Tag color="gold">{t('roles.builtIn')}</Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: t('roles.col.users'),
      key: 'users',
      render: (_value, { role, users: members }) =>
        members.length ? (
          <Flex gap={6} wrap>
            {members.map((username) => (
              <Tag key={username} style={{ marginInlineEnd: 0 }} data-testid="role-user">
                {username}
                <Popconfirm
                  title={t('roles.unbind.title', { user: username, role })}
                  description={t('roles.unbind.description')}
                  okText={t('roles.unbind.ok')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => unbind(role, username)}
                >
                  <Button
                    type="text"
                    size="small"
                    icon={<CloseOutlined style={{ fontSize: 10 }} />}
                    aria-label={t('roles.unbind.aria', { user: username, role })}
                    style={{ width: 18, height: 18, minWidth: 18, marginInlineStart: 4 }}
                  />
                </Popconfirm>
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('roles.noUsers')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        extra={
          <CreateButton onClick={() => setOpen(true)} testId="role-bind">
            {t('roles.bind')}
          </CreateButton>
        }
      />
      <RemoteTable<RoleView>
        remote={roles}
        loadErrorTitle={t('roles.loadError')}
        rowKey="role"
        columns={columns}
        dataSource={roles.data ?? []}
        locale={{ emptyText: <EmptyState title={t('roles.empty')} /> }}
        data-testid="role-table"
      />
      <BindRoleDialog
        open={open}
        roles={(roles.data ?? []).map((r) => r.role)}
        usernames={(users.data ?? []).map((u) => u.username)}
        onCancel={() => setOpen(false)}
        onSubmit={async (body) => {
          await authApi.bindRole(body);
          void message.success(t('roles.bound', { user: body.username, role: body.role }));
          setOpen(false);
          roles.reload();
        }}
      />
    </>
  );
}
