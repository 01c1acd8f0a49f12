import { Spin, theme } from 'antd';
import { useI18n } from '../../i18n/useI18n';

export interface EditorFallbackProps {
  text: string;
  height?: number | string;
  testId?: string;
}

// Holds the editor's place (same size, the text visible) while CodeMirror loads.
export function EditorFallback({ text, height = 360, testId }: EditorFallbackProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <div
      role="status"
      aria-label={t('common.loading')}
      data-testid={testId && `${testId}-loading`}
      style={{
        position: 'relative',
        height,
        border: `1px solid ${token.colorBorder}`,
        borderRadius: token.borderRadius,
        overflow: 'hidden',
      }}
    >
      <pre style={{ margin: 0, padding: '4px 12px', fontSize: 13, color: token.colorTextSecondary, whiteSpace: 'pre' }}>
        {text}
      </pre>
      <Spin size="small" style={{ position: 'absolute', top: 8, right: 12 }} />
    </div>
  );
}
