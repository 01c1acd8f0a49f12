import { fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { configView } from '../test-fixtures';
import { configEditorReducer, initialEditorState, type ConfigEditorState } from '../hooks/config-editor.reducer';
import type { ValidationState } from '../hooks/useConfigValidation';
import { ContentEditor } from './ContentEditor';

// CodeMirror is not what is tested here: a text area stands in for it.
vi.mock('../../../ui/code-editor/LazyCodeEditor', () => ({
  LazyCodeEditor: (props: { value: string; onChange?: (v: string) => void; ariaLabel: string; readOnly?: boolean; diagnostics?: unknown[] }) => (
    <textarea
      aria-label={props.ariaLabel}
      value={props.value}
      readOnly={props.readOnly}
      data-diagnostics={JSON.stringify(props.diagnostics ?? [])}
      onChange={(e) => props.onChange?.(e.target.value)}
    />
  ),
}));

const loaded = initialEditorState(configView({ content: 'a: 1\n' }));
const edited = configEditorReducer(loaded, { type: 'edited', content: 'a: 1\na: 2\n' });
const duplicate = { field: 'content', rule: 'syntax', message: 'line 2, column 1: Map keys must be unique', line: 2, column: 1 };

function renderEditor(state: ConfigEditorState, validation: ValidationState, canWrite = true) {
  const dispatch = vi.fn();
  const onPublish = vi.fn();
  render(
    <I18nProvider language="en">
      <App>
        <ContentEditor state={state} dispatch={dispatch} validation={validation} canWrite={canWrite} onPublish={onPublish} />
      </App>
    </I18nProvider>,
  );
  return { dispatch, onPublish, publish: () => screen.queryByTestId('config-publish') as HTMLButtonElement | null };
}

describe('ContentEditor', () => {
  it('should disable Publish and list the problem with its place while the content is invalid', () => {
    const { publish } = renderEditor(edited, { status: 'invalid', violations: [duplicate] });
    expect(publish()?.disabled).toBe(true);
    expect(screen.getByTestId('config-violation').textContent).toBe('Line 2, column 1: Map keys must be unique');
    expect(screen.getByTestId('config-validation-status').textContent).toBe('1 problem');
    const marks = JSON.parse(screen.getByLabelText('Configuration content').getAttribute('data-diagnostics') ?? '[]');
    expect(marks).toEqual([{ line: 2, column: 1, message: 'Map keys must be unique' }]);
  });

  it('should keep Publish disabled while a check is running and without changes', () => {
    expect(renderEditor(edited, { status: 'checking', violations: [] }).publish()?.disabled).toBe(true);
  });

  it('should offer Publish for valid edits and report edits to the state', () => {
    const { publish, onPublish, dispatch } = renderEditor(edited, { status: 'valid', violations: [] });
    expect(publish()?.disabled).toBe(false);
    fireEvent.click(publish() as HTMLButtonElement);
    expect(onPublish).toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Configuration content'), { target: { value: 'b: 1' } });
    expect(dispatch).toHaveBeenCalledWith({ type: 'edited', content: 'b: 1' });
  });

  it('should not block Publish when the check itself could not run', () => {
    expect(renderEditor(edited, { status: 'failed', violations: [], error: new Error('x') }).publish()?.disabled).toBe(false);
  });

  it('should show read-only content without Publish to a user who may not write', () => {
    const { publish } = renderEditor(loaded, { status: 'idle', violations: [] }, false);
    expect(publish()).toBeNull();
    expect(screen.getByTestId('config-read-only').textContent).toBe('Read-only');
    expect((screen.getByLabelText('Configuration content') as HTMLTextAreaElement).readOnly).toBe(true);
  });
});
