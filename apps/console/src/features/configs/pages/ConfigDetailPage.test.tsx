import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NamespaceView, ReviewPolicyView } from '@switchboard/shared';
import { SignedIn, testUser } from '../../../auth/auth-test-utils';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { configView } from '../test-fixtures';
import { ConfigDetailPage } from './ConfigDetailPage';

const configsApi = vi.hoisted(() => ({ getConfig: vi.fn(), validateConfig: vi.fn(), publishConfig: vi.fn() }));
vi.mock('../../../api/configs.api', () => configsApi);
const namespacesApi = vi.hoisted(() => ({ getNamespace: vi.fn() }));
vi.mock('../../../api/namespaces.api', () => namespacesApi);
const changeRequestsApi = vi.hoisted(() => ({ createChangeRequest: vi.fn() }));
vi.mock('../../../api/change-requests.api', () => changeRequestsApi);
vi.mock('../../../api/realtime-client', () => ({ realtime: { subscribe: () => () => undefined } }));

// CodeMirror is not what is tested here: a text area and two texts stand in for it.
vi.mock('../../../ui/code-editor/LazyCodeEditor', () => ({
  LazyCodeEditor: (props: { value: string; onChange?: (v: string) => void; ariaLabel: string }) => (
    <textarea aria-label={props.ariaLabel} value={props.value} onChange={(e) => props.onChange?.(e.target.value)} />
  ),
}));
vi.mock('../../../ui/code-editor/LazyDiffViewer', () => ({
  LazyDiffViewer: (props: { original: string; modified: string }) => (
    <pre data-testid="diff">{`${props.original}→${props.modified}`}</pre>
  ),
}));

const namespace = (reviewPolicy: ReviewPolicyView): NamespaceView => ({
  namespaceId: 'prod',
  name: 'prod',
  description: '',
  configQuota: 200,
  configCount: 1,
  builtIn: false,
  reviewPolicy,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

function renderPage() {
  return render(
    <I18nProvider language="en">
      <SignedIn user={testUser({ permissions: [{ role: 'w', namespaceId: 'prod', action: 'write' }] })}>
        <App>
          <MemoryRouter initialEntries={['/ns/prod/configs/DEFAULT_GROUP/app.yaml']}>
            <Routes>
              <Route path="/ns/:namespaceId/configs/:group/:dataId" element={<ConfigDetailPage />} />
              <Route path="/ns/:namespaceId/change-requests/:id" element={<p data-testid="request-page">request page</p>} />
            </Routes>
          </MemoryRouter>
        </App>
      </SignedIn>
    </I18nProvider>,
  );
}

const edit = async (content: string) =>
  fireEvent.change(await screen.findByLabelText('Configuration content'), { target: { value: content } });

beforeEach(() => {
  for (const fn of [...Object.values(configsApi), ...Object.values(namespacesApi), ...Object.values(changeRequestsApi)]) fn.mockReset();
  configsApi.getConfig.mockResolvedValue(configView({ namespaceId: 'prod', version: 7, content: 'a: 1\n' }));
  configsApi.validateConfig.mockResolvedValue({ valid: true, violations: [] });
});

describe('ConfigDetailPage in a namespace that requires review', () => {
  it('should turn Publish into Request review, and open a change request against the edited version', async () => {
    namespacesApi.getNamespace.mockResolvedValue(namespace({ mode: 'required', minApprovals: 1 }));
    changeRequestsApi.createChangeRequest.mockResolvedValue({ id: 'cr-42' });
    renderPage();
    await edit('a: 2\n');
    const request = await screen.findByTestId('config-request-review');
    expect(request.textContent).toContain('Request review');
    expect(screen.queryByTestId('config-publish')).toBeNull();
    await waitFor(() => expect((request as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(request);
    const title = (await screen.findByTestId('change-request-title-input')) as HTMLInputElement;
    expect(title.value).toBe('Update DEFAULT_GROUP/app.yaml');
    expect(screen.getByTestId('diff').textContent).toBe('a: 1\n→a: 2\n');
    fireEvent.change(screen.getByTestId('change-request-description-input'), { target: { value: 'More' } });
    fireEvent.click(screen.getByTestId('change-request-submit'));
    expect(await screen.findByTestId('request-page')).toBeTruthy();
    expect(changeRequestsApi.createChangeRequest).toHaveBeenCalledWith('prod', {
      title: 'Update DEFAULT_GROUP/app.yaml',
      description: 'More',
      items: [{ group: 'DEFAULT_GROUP', dataId: 'app.yaml', action: 'publish', content: 'a: 2\n', type: 'yaml', baseVersion: 7 }],
    });
    expect(configsApi.publishConfig).not.toHaveBeenCalled();
  });

  it('should keep Publish where review is off', async () => {
    namespacesApi.getNamespace.mockResolvedValue(namespace({ mode: 'off', minApprovals: 1 }));
    renderPage();
    await edit('a: 2\n');
    await waitFor(() => expect(namespacesApi.getNamespace).toHaveBeenCalledWith('prod'));
    expect((await screen.findByTestId('config-publish')).textContent).toContain('Publish');
    expect(screen.queryByTestId('config-request-review')).toBeNull();
  });
});
