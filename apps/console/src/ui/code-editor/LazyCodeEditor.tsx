import { Input } from 'antd';
import type { CodeEditorProps } from './code-editor.types';

// The config editor. This plain text area keeps the interface until the CodeMirror editor
// (loaded on demand, so it is not part of the first page load) is in place.
export function LazyCodeEditor({ value, onChange, readOnly, ariaLabel, height = 360, testId }: CodeEditorProps) {
  return (
    <Input.TextArea
      aria-label={ariaLabel}
      data-testid={testId}
      value={value}
      readOnly={readOnly}
      onChange={(e) => onChange?.(e.target.value)}
      style={{ height, fontFamily: 'monospace' }}
    />
  );
}
