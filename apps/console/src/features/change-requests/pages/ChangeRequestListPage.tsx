import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Segmented, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { STATE_FILTERS, type StateFilter } from '../change-request-list';
import { ChangeRequestTable } from '../components/ChangeRequestTable';
import { STATE_LABEL_KEYS } from '../components/ChangeRequestStateTag';
import { useChangeRequestList } from '../hooks/useChangeRequestList';

const DEFAULT_FILTER: StateFilter = 'open';

// The change requests of a namespace, one state at a time (in the URL, so a link keeps it), live.
export function ChangeRequestListPage() {
  const { t } = useI18n();
  const namespaceId = useParams().namespaceId ?? '';
  const [searchParams, setSearchParams] = useSearchParams();
  const param = searchParams.get('state') as StateFilter | null;
  const filter: StateFilter = param && STATE_FILTERS.includes(param) ? param : DEFAULT_FILTER;
  const list = useChangeRequestList(namespaceId, filter);

  const setFilter = (next: StateFilter) =>
    setSearchParams(next === DEFAULT_FILTER ? {} : { state: next }, { replace: true });

  const options = STATE_FILTERS.map((value) => ({
    value,
    label: t(value === 'all' ? 'changeRequests.filter.all' : STATE_LABEL_KEYS[value]),
  }));

  return (
    <>
      <PageHeader title={t('nav.changeRequests')} subtitle={t('changeRequests.subtitle', { namespaceId })} />
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 12 }}>
        <Segmented<StateFilter>
          options={options}
          value={filter}
          onChange={setFilter}
          aria-label={t('changeRequests.filter.label')}
          data-testid="change-request-filter"
        />
        {list.items && (
          <Typography.Text type="secondary" data-testid="change-request-count">
            {t('changeRequests.count', { count: list.items.length })}
          </Typography.Text>
        )}
      </Flex>
      {list.status === 'error' && !list.items ? (
        <Alert
          type="error"
          showIcon
          title={t('changeRequests.loadError')}
          description={errorMessage(list.error, t)}
          action={
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : (
        <ChangeRequestTable
          items={list.items ?? []}
          loading={!list.items}
          empty={
            <EmptyState
              testId="change-request-empty"
              title={
                filter === 'all'
                  ? t('changeRequests.empty.all')
                  : t('changeRequests.empty.state', { state: t(STATE_LABEL_KEYS[filter]) })
              }
              description={t('changeRequests.empty.description')}
            />
          }
        />
      )}
    </>
  );
}
