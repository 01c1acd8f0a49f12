import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import {
  DEFAULT_GROUP,
  DEFAULT_NAMESPACE_ID,
  ERROR_CODES,
  type ClusterView,
  type InstanceView,
  type UpdateInstanceRequest,
} from '@switchboard/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/api-error';
import { errorMessage, useErrorToast } from '../../../api/error-display';
import * as api from '../../../api/services.api';
import { useRemoteData } from '../../../api/useRemoteData';
import { usePermissions } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { InstanceTable } from '../components/InstanceTable';
import { MetadataDialog } from '../components/MetadataDialog';
import { ServiceInfoCard } from '../components/ServiceInfoCard';
import { TagsDialog } from '../components/TagsDialog';
import { useServiceInstances } from '../hooks/useServiceInstances';
import { instanceAddress } from '../instance-format';
import { protectionOf } from '../instance-list';

// Kept after closing so the dialog keeps its title while it fades out.
type Dialog = { kind: 'tags' | 'metadata'; instanceId: string; open: boolean } | undefined;

export function ServiceDetailPage() {
  const params = useParams();
  const namespaceId = params.namespaceId ?? DEFAULT_NAMESPACE_ID;
  const groupName = params.groupName ?? DEFAULT_GROUP;
  const serviceName = params.serviceName ?? '';
  const { t, formatNumber } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useErrorToast();
  const writable = usePermissions().canWrite(namespaceId);
  const key = useMemo(
    () => ({ namespaceId, groupName, serviceName }),
    [namespaceId, groupName, serviceName],
  );
  const service = useRemoteData((signal) => api.getService(key, signal), [key]);
  const live = useServiceInstances(key);
  const [dialog, setDialog] = useState<Dialog>();

  const { instances } = live;
  const threshold = service.data?.protectThreshold;
  const protection = useMemo(() => {
    const counted = protectionOf(instances, threshold ?? 0);
    // Until the threshold is known, the snapshot's verdict stands.
    return threshold === undefined
      ? { ...counted, reached: !!live.state?.reachProtectionThreshold }
      : counted;
  }, [instances, threshold, live.state?.reachProtectionThreshold]);
  const counts = useMemo(
    () => ({ healthy: instances.filter((i) => i.healthy).length, total: instances.length }),
    [instances],
  );
  const clusters = useMemo(() => {
    const known = new Map<string, ClusterView>(
      (service.data?.clusters ?? []).map((c) => [c.name, c]),
    );
    for (const i of instances)
      if (!known.has(i.clusterName))
        known.set(i.clusterName, {
          name: i.clusterName,
          healthCheck: { type: 'TCP' },
          metadata: {},
        });
    return [...known.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [service.data, instances]);

  // A service that did not exist yet is created by its first registration: load it then.
  const missing = isApiError(service.error) && service.error.code === ERROR_CODES.SERVICE_NOT_FOUND;
  const { reload } = service;
  useEffect(() => {
    if (missing && instances.length > 0) reload();
  }, [missing, instances.length, reload]);

  const { update } = live;
  const save = useCallback(
    async (instance: InstanceView, patch: UpdateInstanceRequest) => {
      try {
        return await update(instance, patch);
      } catch (error) {
        showError(error);
        throw error;
      }
    },
    [update, showError],
  );
  const closeDialog = () => setDialog((d) => d && { ...d, open: false });

  const deregister = async (instance: InstanceView) => {
    try {
      await live.deregister(instance);
      void message.success(
        t('services.instances.deregistered', { address: instanceAddress(instance) }),
      );
    } catch (error) {
      showError(error);
    }
  };

  // Dialog saves: errors stay in the dialog (FormDialog shows them).
  const saveFromDialog = async (instance: InstanceView, patch: UpdateInstanceRequest) => {
    await update(instance, patch);
    closeDialog();
    void message.success(t('services.instances.saved', { address: instanceAddress(instance) }));
  };
  const dialogInstance = dialog && instances.find((i) => i.instanceId === dialog.instanceId);

  return (
    <>
      <PageHeader
        title={<span data-testid="service-title">{serviceName}</span>}
        subtitle={t('services.detail.subtitle', { group: groupName, namespace: namespaceId })}
        extra={
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(namespacePath(namespaceId, 'services'))}
          >
            {t('services.detail.back')}
          </Button>
        }
      />
      {protection.reached && (
        <Alert
          type="warning"
          showIcon
          title={t('services.detail.protection.title')}
          description={t('services.detail.protection.description', {
            healthy: formatNumber(protection.healthy),
            total: formatNumber(protection.total),
            threshold: formatNumber(threshold ?? 0),
          })}
          style={{ marginBottom: 16 }}
          data-testid="service-protection-alert"
        />
      )}
      <Flex vertical gap={16}>
        <ServiceInfoCard
          groupName={groupName}
          service={service}
          protection={protection}
          counts={counts}
          clusters={clusters}
        />
        <Card
          size="small"
          title={t('services.instances.title')}
          styles={{ body: { padding: 0 } }}
          extra={
            live.state && (
              <Typography.Text type="secondary" data-testid="instances-count">
                {t('services.instances.count', { count: formatNumber(instances.length) })}
              </Typography.Text>
            )
          }
        >
          {live.status === 'error' && !live.state ? (
            <Alert
              type="error"
              showIcon
              title={t('services.instances.loadError')}
              description={errorMessage(live.error, t)}
            />
          ) : (
            <InstanceTable
              instances={instances}
              loading={!live.state}
              empty={
                <EmptyState
                  testId="instances-empty"
                  title={t('services.instances.empty.title')}
                  description={t('services.instances.empty.description')}
                />
              }
              canWrite={writable}
              onUpdate={save}
              onEditTags={(i) => setDialog({ kind: 'tags', instanceId: i.instanceId, open: true })}
              onEditMetadata={(i) =>
                setDialog({ kind: 'metadata', instanceId: i.instanceId, open: true })
              }
              onDeregister={deregister}
            />
          )}
        </Card>
      </Flex>
      <TagsDialog
        open={!!dialog?.open && dialog.kind === 'tags' && !!dialogInstance}
        instance={dialog?.kind === 'tags' ? dialogInstance : undefined}
        onSubmit={(instance, tags) => saveFromDialog(instance, { tags })}
        onCancel={closeDialog}
      />
      <MetadataDialog
        open={!!dialog?.open && dialog.kind === 'metadata' && !!dialogInstance}
        instance={dialog?.kind === 'metadata' ? dialogInstance : undefined}
        onSubmit={(instance, metadata) => saveFromDialog(instance, { metadata })}
        onCancel={closeDialog}
      />
    </>
  );
}
