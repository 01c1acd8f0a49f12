import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Tag, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/useCurrentUser';
import { useI18n } from '../i18n/useI18n';

// The signed-in user's name, their access tokens and logout. Without authentication on the
// server there is nobody to log out: the menu says so instead.
export function UserMenu() {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  if (!user) return null;
  if (!user.authEnabled)
    return (
      <Tooltip title={t('user.authDisabled.hint')}>
        <Tag color="warning" data-testid="auth-disabled">
          {t('user.authDisabled')}
        </Tag>
      </Tooltip>
    );
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'tokens', icon: <KeyOutlined />, label: t('user.accessTokens') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'tokens') navigate('/access-tokens');
          else logout();
        },
      }}
    >
      <Button
        type="text"
        icon={<UserOutlined />}
        aria-label={t('user.menu', { name: user.username })}
        data-testid="user-menu"
      >
        <span data-testid="user-name">{user.username}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
