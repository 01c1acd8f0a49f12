import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Form, Result } from 'antd';
import { useReducer, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { DEFAULT_GROUP } from '@switchboard/shared';
import { usePermissions } from '../../../auth/useCurrentUser';
import { useI18n } from '../../../i18n/useI18n';
import { namespacePath } from '../../../namespace/current-namespace';
import { PageHeader } from '../../../ui/PageHeader';
import { RequestReviewDialog } from '../../change-requests/components/RequestReviewDialog';
import { reviewRequired, useReviewPolicy } from '../../change-requests/hooks/useReviewPolicy';
import { ConfigMetaFields } from '../components/ConfigMetaFields';
import { ContentEditor } from '../components/ContentEditor';
import { PublishDialogs } from '../components/PublishDialogs';
import { RouterButton } from '../components/RouterButton';
import { toConfigKey, toCreateRequest, validationKey, type ConfigFormValues } from '../config-form';
import { configEditorReducer, expectedVersion, initialEditorState, isDirty } from '../hooks/config-editor.reducer';
import { useConfigValidation } from '../hooks/useConfigValidation';
import { usePublishFlow } from '../hooks/usePublishFlow';
import { useUnsavedChangesPrompt } from '../hooks/useUnsavedChangesPrompt';

// Creating a config: its key and attributes, the content with inline checks, then the same
// review-and-publish as an edit (expecting that nothing exists yet: version 0).
export function ConfigEditorPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { namespaceId = '' } = useParams();
  const writable = usePermissions().canWrite(namespaceId);
  const reviewed = reviewRequired(useReviewPolicy(namespaceId));
  const [requesting, setRequesting] = useState(false);
  const [form] = Form.useForm<ConfigFormValues>();
  const values = Form.useWatch((all: ConfigFormValues) => all, form) ?? {};
  const [state, dispatch] = useReducer(configEditorReducer, undefined, () => initialEditorState(undefined, 'yaml'));
  const target = validationKey(namespaceId, values);
  // A draft key has no config behind it: check the syntax only, against no schema.
  const validation = useConfigValidation(
    writable ? { key: target.key, content: state.draft, type: state.type, ...(target.draft ? { schema: null } : {}) } : null,
  );
  const configKey = toConfigKey(namespaceId, values);
  const flow = usePublishFlow(
    configKey,
    dispatch,
    () => ({ ...toCreateRequest(form.getFieldsValue(true), state.draft, state.type), expectedVersion: expectedVersion(state) }),
    (config) => navigate(namespacePath(namespaceId, 'configs', config.group, config.dataId), { replace: true }),
  );
  const listPath = namespacePath(namespaceId, 'configs');
  useUnsavedChangesPrompt(writable && isDirty(state) && !flow.reviewing);

  if (!writable)
    return (
      <Result
        status="403"
        title={t('configs.create.forbidden', { namespace: namespaceId })}
        extra={<RouterButton to={listPath}>{t('configs.backToList')}</RouterButton>}
      />
    );

  const review = async () => {
    try {
      await form.validateFields();
    } catch {
      return; // the fields show what is wrong
    }
    if (reviewed) setRequesting(true);
    else flow.review();
  };

  return (
    <>
      <PageHeader
        title={t('configs.create.title')}
        subtitle={t('configs.create.subtitle', { namespace: namespaceId })}
        extra={
          <RouterButton to={listPath} icon={<ArrowLeftOutlined />}>
            {t('configs.backToList')}
          </RouterButton>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<ConfigFormValues>
          form={form}
          name="config-form"
          layout="vertical"
          requiredMark="optional"
          initialValues={{ dataId: '', group: DEFAULT_GROUP, appName: '', description: '', tags: [] }}
          onFinish={review}
        >
          <ConfigMetaFields />
          {/* Enter in a field reviews the publish, like the button. */}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Card>
      <ContentEditor
        state={state}
        dispatch={dispatch}
        validation={validation}
        canWrite
        onPublish={review}
        requestReview={reviewed}
        height="max(200px, calc(100vh - 520px))"
      />
      <PublishDialogs dataId={configKey.dataId} state={state} flow={flow} />
      {reviewed && (
        // A change request carries the content and format; the other attributes are set after it is applied.
        <RequestReviewDialog
          open={requesting}
          namespaceId={namespaceId}
          item={{ group: configKey.group, dataId: configKey.dataId, action: 'publish', content: state.draft, type: state.type, baseVersion: 0 }}
          onCancel={() => setRequesting(false)}
        />
      )}
    </>
  );
}
