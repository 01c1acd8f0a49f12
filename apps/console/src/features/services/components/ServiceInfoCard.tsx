import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Tag,
  Tooltip,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { ERROR_CODES, type ClusterView, type ServiceView } from '@switchboard/shared';
import { isApiError } from '../../../api/api-error';
import { errorMessage } from '../../../api/error-display';
import type { RemoteData } from '../../../api/useRemoteData';
import { useI18n } from '../../../i18n/useI18n';
import { metadataEntries } from '../instance-edits';
import type { Protection } from '../instance-list';

export interface ServiceInfoCardProps {
  groupName: string;
  service: RemoteData<ServiceView>;
  protection: Protection;
  counts: { healthy: number; total: number }; // every instance shown, disabled ones included
  clusters: ClusterView[]; // the service's, plus those only its instances name
}

// Group, protect threshold (and whether it is reached), live instance counts, clusters, metadata.
export function ServiceInfoCard({
  groupName,
  service,
  protection,
  counts,
  clusters,
}: ServiceInfoCardProps) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const view = service.data;
  const notFound =
    isApiError(service.error) && service.error.code === ERROR_CODES.SERVICE_NOT_FOUND;
  const none = <Typography.Text type="secondary">{t('services.detail.info.none')}</Typography.Text>;
  const metadata = view ? metadataEntries(view.metadata) : [];

  const items: DescriptionsProps['items'] = [
    { key: 'group', label: t('services.detail.info.group'), children: groupName },
    {
      key: 'threshold',
      label: t('services.detail.info.threshold'),
      children: view ? (
        <Flex gap={8} align="center" data-testid="service-threshold">
          <span>{formatNumber(view.protectThreshold)}</span>
          {protection.reached ? (
            <Tag color="error" data-testid="service-protection" data-reached="true">
              {t('services.detail.threshold.reached')}
            </Tag>
          ) : (
            <Tag color="success" data-testid="service-protection" data-reached="false">
              {t('services.detail.threshold.notReached')}
            </Tag>
          )}
        </Flex>
      ) : (
        '—'
      ),
    },
    {
      key: 'instances',
      label: t('services.detail.info.instances'),
      children: (
        <span data-testid="service-instance-counts">
          {formatNumber(counts.healthy)} / {formatNumber(counts.total)}
        </span>
      ),
    },
    {
      key: 'clusters',
      label: t('services.detail.info.clusters'),
      children: clusters.length ? (
        <Flex gap={4} wrap>
          {clusters.map((c) => (
            <Tooltip
              key={c.name}
              title={t('services.detail.healthCheck', { type: c.healthCheck.type })}
            >
              <Tag style={{ marginInlineEnd: 0 }}>{c.name}</Tag>
            </Tooltip>
          ))}
        </Flex>
      ) : (
        none
      ),
    },
    {
      key: 'metadata',
      label: t('services.detail.info.metadata'),
      children: metadata.length ? (
        <Flex gap={4} wrap>
          {metadata.map((e) => (
            <Tag key={e.key} style={{ marginInlineEnd: 0 }}>
              {e.key}={e.value}
            </Tag>
          ))}
        </Flex>
      ) : (
        none
      ),
    },
    {
      key: 'updatedAt',
      label: t('services.detail.info.updatedAt'),
      children: view ? (
        <time dateTime={view.updatedAt}>{formatDateTime(view.updatedAt)}</time>
      ) : (
        '—'
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('services.detail.info.title')}
      loading={service.status === 'loading' && !view}
    >
      {service.status === 'error' &&
        (notFound ? (
          <Alert
            type="info"
            showIcon
            title={t('services.detail.info.notRegistered')}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            title={t('services.detail.info.loadError')}
            description={errorMessage(service.error, t)}
            action={<Button onClick={service.reload}>{t('common.retry')}</Button>}
            style={{ marginBottom: 12 }}
          />
        ))}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={items}
        data-testid="service-info"
      />
    </Card>
  );
}
