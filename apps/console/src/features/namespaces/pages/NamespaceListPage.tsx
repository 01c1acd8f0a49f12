import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { NamespaceView } from '@switchboard/shared';
import { errorMessage, useErrorToast } from '../../../api/error-display';
import { usePermissions } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { CreateButton } from '../../../ui/CreateButton';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { NamespaceFormDialog } from '../components/NamespaceFormDialog';
import { NamespaceTable } from '../components/NamespaceTable';
import { useNamespaces } from '../hooks/useNamespaces';

type DialogState =
  { open: false; namespace?: NamespaceView } | { open: true; namespace?: NamespaceView };

export function NamespaceListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const namespaces = useNamespaces();
  // Only admins manage namespaces; everyone else sees the ones they may read.
  const { isAdmin: canManage } = usePermissions();
  const [dialog, setDialog] = useState<DialogState>({ open: false });
  const [filter, setFilter] = useState('');

  const visible = useMemo(() => {
    const query = filter.trim().toLowerCase();
    if (!query) return namespaces.items;
    return namespaces.items.filter(
      (ns) => ns.namespaceId.toLowerCase().includes(query) || ns.name.toLowerCase().includes(query),
    );
  }, [namespaces.items, filter]);

  const openCreate = () => setDialog({ open: true });

  const remove = async (ns: NamespaceView) => {
    try {
      await namespaces.remove(ns.namespaceId);
      void message.success(t('namespaces.deleted', { id: ns.namespaceId }));
    } catch (error) {
      showError(error);
    }
  };

  const createButton = canManage && (
    <CreateButton onClick={openCreate} testId="namespace-create">
      {t('namespaces.create')}
    </CreateButton>
  );

  const empty = filter.trim() ? (
    <EmptyState
      testId="namespaces-empty"
      title={t('namespaces.empty.filtered', { query: filter.trim() })}
    />
  ) : (
    <EmptyState
      testId="namespaces-empty"
      title={t('namespaces.empty.title')}
      description={canManage ? t('namespaces.empty.description') : undefined}
      action={createButton || undefined}
    />
  );

  return (
    <>
      <PageHeader
        title={t('namespaces.title')}
        subtitle={canManage ? t('namespaces.subtitle') : t('namespaces.subtitle.readOnly')}
        extra={createButton || undefined}
      />
      {namespaces.status === 'error' ? (
        <Alert
          type="error"
          showIcon
          title={t('namespaces.loadError')}
          description={errorMessage(namespaces.error, t)}
          action={
            <Button icon={<ReloadOutlined />} onClick={namespaces.reload}>
              {t('common.retry')}
            </Button>
          }
          data-testid="namespaces-error"
        />
      ) : (
        <>
          <Flex justify="space-between" align="center" gap={16} style={{ marginBottom: 12 }}>
            <Input.Search
              allowClear
              placeholder={t('namespaces.filter.placeholder')}
              aria-label={t('namespaces.filter.label')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              style={{ maxWidth: 320 }}
            />
            {namespaces.status === 'ready' && (
              <Typography.Text type="secondary" data-testid="namespace-count">
                {t('namespaces.count', { count: namespaces.items.length })}
              </Typography.Text>
            )}
          </Flex>
          <NamespaceTable
            items={visible}
            loading={namespaces.status === 'loading'}
            empty={empty}
            canManage={canManage}
            onEdit={(ns) => setDialog({ open: true, namespace: ns })}
            onDelete={remove}
          />
        </>
      )}
      <NamespaceFormDialog
        open={dialog.open}
        namespace={dialog.namespace}
        onCreate={namespaces.create}
        onUpdate={namespaces.update}
        onCancel={() => setDialog((d) => ({ ...d, open: false }))}
        onDone={(saved, mode) => {
          setDialog((d) => ({ ...d, open: false }));
          if (saved)
            void message.success(
              t(mode === 'create' ? 'namespaces.created' : 'namespaces.saved', {
                id: saved.namespaceId,
              }),
            );
        }}
      />
    </>
  );
}
