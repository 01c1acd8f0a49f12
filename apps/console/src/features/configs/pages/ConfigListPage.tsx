import { CopyOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { ConfigSummaryView } from '@switchboard/shared';
import * as api from '../../../api/configs.api';
import { useErrorToast } from '../../../api/error-display';
import { useRemoteData } from '../../../api/useRemoteData';
import { usePermissions } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { CreateButton } from '../../../ui/CreateButton';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { BulkActionBar } from '../components/BulkActionBar';
import { CloneDialog } from '../components/CloneDialog';
import { ConfigSearchForm } from '../components/ConfigSearchForm';
import { ConfigTable } from '../components/ConfigTable';
import { ImportDialog } from '../components/ImportDialog';
import { EMPTY_SEARCH, isSearching, listLocationFromParams, listLocationToParams, toListQuery, type ConfigListLocation } from '../config-search';
import { configRowKey, exportSelection, parseRowKey } from '../config-selection';
import { saveFile } from '../download';

export function ConfigListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const navigate = useNavigate();
  const { namespaceId = '' } = useParams();
  const writable = usePermissions().canWrite(namespaceId);
  const [params, setParams] = useSearchParams();
  const location = useMemo(() => listLocationFromParams(params), [params]);
  const configs = useRemoteData((signal) => api.listConfigs(namespaceId, toListQuery(location), signal), [namespaceId, params.toString()]);
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'import' | 'clone'>();
  const [busy, setBusy] = useState<'export' | 'delete'>();
  useEffect(() => setSelected([]), [namespaceId]);

  const go = (next: ConfigListLocation) => setParams(listLocationToParams(next));
  const createPath = namespacePath(namespaceId, 'configs', 'new');

  const download = async (query: { group?: string; dataIds?: string }) => {
    setBusy('export');
    try {
      saveFile(await api.exportConfigs(namespaceId, query));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(undefined);
    }
  };

  const removeOne = async (config: ConfigSummaryView) => {
    try {
      await api.deleteConfig(config, config.version);
      void message.success(t('configs.deleted', { dataId: config.dataId }));
      setSelected((keys) => keys.filter((k) => k !== configRowKey(config)));
      configs.reload();
    } catch (error) {
      showError(error);
    }
  };

  // No bulk endpoint: one delete per config; what failed stays selected.
  const removeSelected = async () => {
    setBusy('delete');
    const failed: string[] = [];
    for (const rowKey of selected) {
      try {
        await api.deleteConfig({ namespaceId, ...parseRowKey(rowKey) });
      } catch (error) {
        failed.push(rowKey);
        showError(error);
      }
    }
    setBusy(undefined);
    if (selected.length > failed.length) void message.success(t('configs.bulk.deleted', { count: selected.length - failed.length }));
    setSelected(failed);
    configs.reload();
  };

  const create = writable && (
    <CreateButton onClick={() => navigate(createPath)} testId="config-create">
      {t('configs.create')}
    </CreateButton>
  );
  const empty = isSearching(location.search) ? (
    <EmptyState
      testId="configs-empty"
      title={t('configs.empty.filtered')}
      action={<Button onClick={() => go({ ...location, search: EMPTY_SEARCH, pageNo: 1 })}>{t('configs.search.reset')}</Button>}
    />
  ) : (
    <EmptyState
      testId="configs-empty"
      title={t('configs.empty.title', { namespace: namespaceId })}
      description={writable ? t('configs.empty.description') : undefined}
      action={create || undefined}
    />
  );

  return (
    <>
      <PageHeader
        title={t('nav.configs')}
        subtitle={t('configs.subtitle', { namespace: namespaceId })}
        extra={
          <>
            {writable && (
              <Button icon={<UploadOutlined />} onClick={() => setDialog('import')} data-testid="config-import">
                {t('configs.import')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => download({})} loading={busy === 'export' && !selected.length} data-testid="config-export-all">
              {t('configs.exportAll')}
            </Button>
            {writable && (
              <Button icon={<CopyOutlined />} onClick={() => setDialog('clone')} data-testid="config-clone-all">
                {t('configs.cloneAll')}
              </Button>
            )}
            {create}
          </>
        }
      />
      <ConfigSearchForm value={location.search} onSearch={(search) => go({ ...location, search, pageNo: 1 })} />
      <BulkActionBar
        selected={selected}
        canWrite={writable}
        busy={busy}
        onExport={() => {
          const selection = exportSelection(selected);
          if (selection) void download(selection);
        }}
        onClone={() => setDialog('clone')}
        onDelete={removeSelected}
        onClear={() => setSelected([])}
      />
      <ConfigTable
        namespaceId={namespaceId}
        remote={configs}
        pageNo={location.pageNo}
        pageSize={location.pageSize}
        onPage={(pageNo, pageSize) => go({ ...location, pageNo: pageSize === location.pageSize ? pageNo : 1, pageSize })}
        canWrite={writable}
        selected={selected}
        onSelect={setSelected}
        onDelete={removeOne}
        empty={empty}
      />
      <ImportDialog
        open={dialog === 'import'}
        namespaceId={namespaceId}
        onClose={(imported) => {
          setDialog(undefined);
          if (imported) configs.reload();
        }}
      />
      <CloneDialog open={dialog === 'clone'} namespaceId={namespaceId} selection={selected} onClose={() => setDialog(undefined)} />
    </>
  );
}
