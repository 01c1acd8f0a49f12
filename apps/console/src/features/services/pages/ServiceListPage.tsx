import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Input, Select, Typography } from 'antd';
import { DEFAULT_NAMESPACE_ID } from '@switchboard/shared';
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../api/error-display';
import { useI18n } from '../../../i18n/useI18n';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { ServiceTable } from '../components/ServiceTable';
import { useServiceList } from '../hooks/useServiceList';
import { filterServices, groupsOf } from '../service-list';

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

export function ServiceListPage() {
  const { namespaceId = DEFAULT_NAMESPACE_ID } = useParams();
  // Retrying mounts the list again, which subscribes afresh.
  const [attempt, setAttempt] = useState(0);
  return (
    <ServiceList
      key={`${namespaceId}#${attempt}`}
      namespaceId={namespaceId}
      onRetry={() => setAttempt((n) => n + 1)}
    />
  );
}

// Filters and the page live in the URL, so going back from a service returns to the same view.
function useListParams() {
  const [params, setParams] = useSearchParams();
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  const view = {
    query: params.get('q') ?? '',
    group: params.get('group') ?? undefined,
    hideEmpty: params.get('hideEmpty') === '1',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes))
          if (value) next.set(name, value);
          else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return { view, set };
}

function ServiceList({ namespaceId, onRetry }: { namespaceId: string; onRetry: () => void }) {
  const { t } = useI18n();
  const live = useServiceList(namespaceId);
  const { view, set } = useListParams();
  const all = useMemo(() => live.state ?? [], [live.state]);
  const groups = useMemo(() => groupsOf(all), [all]);
  const visible = useMemo(
    () => filterServices(all, { query: view.query, group: view.group, hideEmpty: view.hideEmpty }),
    [all, view.query, view.group, view.hideEmpty],
  );
  const lastPage = Math.max(1, Math.ceil(visible.length / view.pageSize));
  const filtered = !!(view.query.trim() || view.group || view.hideEmpty);

  const header = (
    <PageHeader
      title={t('services.title')}
      subtitle={t('services.subtitle', { namespace: namespaceId })}
    />
  );
  if (live.status === 'error' && !live.state)
    return (
      <>
        {header}
        <Alert
          type="error"
          showIcon
          title={t('services.loadError')}
          description={errorMessage(live.error, t)}
          action={
            <Button icon={<ReloadOutlined />} onClick={onRetry}>
              {t('common.retry')}
            </Button>
          }
          data-testid="services-error"
        />
      </>
    );

  return (
    <>
      {header}
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('services.filter.placeholder')}
          aria-label={t('services.filter.label')}
          value={view.query}
          onChange={(e) => set({ q: e.target.value, page: undefined })}
          style={{ width: 300 }}
          data-testid="services-filter"
        />
        <Select
          allowClear
          placeholder={t('services.group.all')}
          aria-label={t('services.group.label')}
          value={view.group}
          onChange={(group?: string) => set({ group, page: undefined })}
          options={groups.map((g) => ({ value: g, label: g }))}
          style={{ width: 220 }}
          data-testid="services-group"
        />
        <Checkbox
          checked={view.hideEmpty}
          onChange={(e) => set({ hideEmpty: e.target.checked ? '1' : undefined, page: undefined })}
        >
          {t('services.hideEmpty')}
        </Checkbox>
        {live.state && (
          <Typography.Text
            type="secondary"
            style={{ marginLeft: 'auto' }}
            data-testid="services-count"
          >
            {t('services.count', { count: visible.length })}
          </Typography.Text>
        )}
      </Flex>
      <ServiceTable
        namespaceId={namespaceId}
        items={visible}
        loading={!live.state}
        empty={
          <EmptyState
            testId="services-empty"
            title={filtered ? t('services.empty.filtered') : t('services.empty.title')}
            description={filtered ? undefined : t('services.empty.description')}
          />
        }
        page={Math.min(view.page, lastPage)}
        pageSize={view.pageSize}
        onPageChange={(page, pageSize) =>
          set({
            page: page > 1 ? String(page) : undefined,
            size: pageSize !== DEFAULT_PAGE_SIZE ? String(pageSize) : undefined,
          })
        }
      />
    </>
  );
}
