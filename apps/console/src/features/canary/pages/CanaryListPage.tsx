import { FileTextOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { CanaryListTable } from '../components/CanaryListTable';
import { LIST_REFRESH_MS, useCanaryList } from '../hooks/useCanaryList';

// The active canaries of the namespace; plans step and end by themselves, so it refreshes.
export function CanaryListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const namespaceId = useParams().namespaceId ?? '';
  const list = useCanaryList(namespaceId);

  const empty = (
    <EmptyState
      testId="canary-list-empty"
      title={t('canary.list.empty.title')}
      description={t('canary.list.empty.description')}
      action={
        <Button
          icon={<FileTextOutlined />}
          onClick={() => navigate(namespacePath(namespaceId, 'configs'))}
        >
          {t('canary.list.empty.action')}
        </Button>
      }
    />
  );

  return (
    <>
      <PageHeader title={t('nav.canary')} subtitle={t('canary.list.subtitle', { namespaceId })} />
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="canary-list-count">
          {list.items
            ? t('canary.list.count', { count: list.items.length, seconds: LIST_REFRESH_MS / 1000 })
            : ''}
        </Typography.Text>
      </Flex>
      <CanaryListTable list={list} empty={empty} />
    </>
  );
}
