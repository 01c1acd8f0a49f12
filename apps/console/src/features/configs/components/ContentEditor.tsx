import { AuditOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Tag, Tooltip } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { CONFIG_TYPES, type ConfigType } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';
import { LazyCodeEditor } from '../../../ui/code-editor/LazyCodeEditor';
import { presentViolations } from '../config-validation';
import { isDirty, type ConfigEditorAction, type ConfigEditorState } from '../hooks/config-editor.reducer';
import { blocksPublish, type ValidationState } from '../hooks/useConfigValidation';
import { ValidationStatus } from './ValidationStatus';
import { ViolationList } from './ViolationList';

export interface ContentEditorProps {
  state: ConfigEditorState;
  dispatch: (action: ConfigEditorAction) => void;
  validation: ValidationState;
  canWrite: boolean;
  onPublish: () => void;
  requestReview?: boolean; // the namespace requires review: Publish becomes "Request review"
  height?: number | string;
  banner?: ReactNode; // above the toolbar (live update notices)
}

export const TYPE_LABELS: Record<ConfigType, string> = {
  text: 'TEXT',
  json: 'JSON',
  yaml: 'YAML',
  properties: 'Properties',
  xml: 'XML',
  html: 'HTML',
  toml: 'TOML',
};

// The content of a config: format, the editor with the server's inline checks, and Publish,
// which stays disabled while the content is invalid (or still being checked).
export function ContentEditor({ state, dispatch, validation, canWrite, onPublish, requestReview = false, height = 420, banner }: ContentEditorProps) {
  const { t } = useI18n();
  const [reveal, setReveal] = useState<{ line: number; column: number }>();
  const { diagnostics } = useMemo(() => presentViolations(validation.violations), [validation.violations]);
  const dirty = isDirty(state);
  const blocked = blocksPublish(validation);
  const publishHint = !dirty
    ? t('configs.publish.nothing')
    : blocked
      ? t('configs.publish.blocked')
      : requestReview
        ? t('configs.requestReview.hint')
        : undefined;

  return (
    <div>
      {banner}
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 8 }}>
        <Flex align="center" gap={12} wrap>
          <label htmlFor="config-type-select">{t('configs.field.type')}</label>
          <Select<ConfigType>
            id="config-type-select"
            data-testid="config-type-select"
            value={state.type}
            disabled={!canWrite}
            style={{ width: 140 }}
            options={CONFIG_TYPES.map((type) => ({ value: type, label: TYPE_LABELS[type] }))}
            onChange={(configType) => dispatch({ type: 'typeChanged', configType })}
          />
          <ValidationStatus validation={validation} />
        </Flex>
        <Flex align="center" gap={8}>
          {!canWrite && <Tag data-testid="config-read-only">{t('configs.readOnly')}</Tag>}
          {canWrite && dirty && state.base && (
            <Button icon={<UndoOutlined />} onClick={() => dispatch({ type: 'discard' })} data-testid="config-discard">
              {t('configs.discard')}
            </Button>
          )}
          {canWrite && (
            <Tooltip title={publishHint}>
              <Button
                type="primary"
                icon={requestReview ? <AuditOutlined /> : <SendOutlined />}
                disabled={!dirty || blocked}
                onClick={onPublish}
                data-testid={requestReview ? 'config-request-review' : 'config-publish'}
              >
                {t(requestReview ? 'configs.requestReview' : 'configs.publish')}
              </Button>
            </Tooltip>
          )}
        </Flex>
      </Flex>
      <LazyCodeEditor
        value={state.draft}
        onChange={(content) => dispatch({ type: 'edited', content })}
        type={state.type}
        readOnly={!canWrite}
        diagnostics={diagnostics}
        ariaLabel={t('configs.editor.label')}
        height={height}
        testId="config-editor"
        reveal={reveal}
      />
      <ViolationList violations={validation.violations} onReveal={setReveal} />
    </div>
  );
}
