import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { NamespaceView } from '@switchboard/shared';
import { ApiError } from '../../../api/api-error';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { NamespaceFormDialog, type NamespaceFormDialogProps } from './NamespaceFormDialog';

const saved: NamespaceView = {
  namespaceId: 'dev',
  name: 'Dev',
  description: '',
  configQuota: 200,
  configCount: 0,
  builtIn: false,
  reviewPolicy: { mode: 'off', minApprovals: 1 },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function renderDialog(overrides: Partial<NamespaceFormDialogProps> = {}) {
  const props: NamespaceFormDialogProps = {
    open: true,
    onCreate: vi.fn(async () => saved),
    onUpdate: vi.fn(async () => saved),
    onDone: vi.fn(),
    onCancel: vi.fn(),
    ...overrides,
  };
  render(
    <I18nProvider language="en">
      <App>
        <NamespaceFormDialog {...props} />
      </App>
    </I18nProvider>,
  );
  return props;
}

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const submit = (name = 'Create') => fireEvent.click(screen.getByRole('button', { name }));

describe('NamespaceFormDialog', () => {
  it('should turn on required review with the number of approvals when editing', async () => {
    const props = renderDialog({ namespace: saved });
    expect(screen.getByTestId('namespace-form-min-approvals').closest('.ant-form-item-hidden')).not.toBeNull();
    fireEvent.click(screen.getByRole('switch', { name: 'Require review of configuration changes' }));
    await waitFor(() => expect(screen.getByTestId('namespace-form-min-approvals').closest('.ant-form-item-hidden')).toBeNull());
    type(/^Approvals needed/, '2');
    submit('Save');
    await waitFor(() => expect(props.onDone).toHaveBeenCalledWith(saved, 'edit'));
    expect(props.onUpdate).toHaveBeenCalledWith('dev', { reviewPolicy: { mode: 'required', minApprovals: 2 } });
  });

  it('should not offer the review policy when creating a namespace', () => {
    renderDialog();
    expect(screen.queryByRole('switch', { name: 'Require review of configuration changes' })).toBeNull();
  });

  it('should show the broken rule on the field and not call the server when the name is invalid', async () => {
    const props = renderDialog();
    type('Name', 'prod@eu');
    submit();
    expect(await screen.findByText('A name cannot contain @ # $ % ^ & *.')).toBeTruthy();
    expect(props.onCreate).not.toHaveBeenCalled();
  });

  it('should require a name when the form is submitted empty', async () => {
    const props = renderDialog();
    submit();
    expect(await screen.findByText('Enter a name.')).toBeTruthy();
    expect(props.onCreate).not.toHaveBeenCalled();
  });

  it('should send a trimmed request without an id when the id is left empty', async () => {
    const props = renderDialog();
    type('Name', '  Dev  ');
    submit();
    await waitFor(() => expect(props.onDone).toHaveBeenCalledWith(saved, 'create'));
    expect(props.onCreate).toHaveBeenCalledWith({ name: 'Dev', description: '', configQuota: 200 });
  });

  it('should show a duplicate id on the id field when the server answers NAMESPACE_ALREADY_EXISTS', async () => {
    const onCreate = vi.fn(async () =>
      Promise.reject(new ApiError('NAMESPACE_ALREADY_EXISTS', 409, 'exists')),
    );
    const props = renderDialog({ onCreate });
    type(/^Namespace ID/, 'dev');
    type('Name', 'Dev');
    submit();
    await waitFor(() =>
      expect(document.getElementById('namespace-form_namespaceId_help')?.textContent).toBe(
        'A namespace with this ID already exists.',
      ),
    );
    expect(props.onDone).not.toHaveBeenCalled();
  });

  it('should show server field violations on their fields when the server answers VALIDATION_FAILED', async () => {
    const violation = {
      field: 'description',
      rule: 'maxLength',
      message: 'must be at most 256 characters',
    };
    renderDialog({
      onCreate: vi.fn(async () =>
        Promise.reject(new ApiError('VALIDATION_FAILED', 400, 'bad', [violation])),
      ),
    });
    type('Name', 'Dev');
    submit();
    await waitFor(() =>
      expect(document.getElementById('namespace-form_description_help')?.textContent).toBe(
        violation.message,
      ),
    );
  });

  it('should not offer the id and lock the name when editing the built-in namespace', () => {
    renderDialog({ namespace: { ...saved, namespaceId: 'public', name: 'public', builtIn: true } });
    expect(screen.queryByLabelText(/^Namespace ID/)).toBeNull();
    expect((screen.getByLabelText('Name') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('The public namespace cannot be renamed.')).toBeTruthy();
  });
});
