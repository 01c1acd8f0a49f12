import { Alert, Button, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { RemoteData } from '../api/useRemoteData';
import { errorMessage } from '../api/error-display';
import { useI18n } from '../i18n/useI18n';

export interface RemoteTableProps<T> extends Omit<TableProps<T>, 'loading'> {
  remote: Pick<RemoteData<unknown>, 'status' | 'error' | 'reload'>;
  loadErrorTitle: ReactNode;
}

const PAGINATION: TableProps['pagination'] = {
  pageSize: 20,
  hideOnSinglePage: true,
  showSizeChanger: false,
};

// A table over data loaded with useRemoteData: spinner while loading, an alert with a retry
// button instead of the table when the load failed.
export function RemoteTable<T extends object>({
  remote,
  loadErrorTitle,
  ...table
}: RemoteTableProps<T>) {
  const { t } = useI18n();
  if (remote.status === 'error')
    return (
      <Alert
        type="error"
        showIcon
        title={loadErrorTitle}
        description={errorMessage(remote.error, t)}
        action={<Button onClick={remote.reload}>{t('common.retry')}</Button>}
      />
    );
  return (
    <Table<T>
      size="middle"
      pagination={PAGINATION}
      {...table}
      loading={remote.status === 'loading'}
    />
  );
}
