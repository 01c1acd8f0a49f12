import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CanaryView } from '@switchboard/shared';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { CanaryListPage } from './CanaryListPage';

const api = vi.hoisted(() => ({ listCanaries: vi.fn() }));
vi.mock('../../../api/canary.api', () => api);

const canary = (dataId: string, overrides: Partial<CanaryView> = {}): CanaryView => ({
  namespaceId: 'dev',
  group: 'DEFAULT_GROUP',
  dataId,
  id: `id-${dataId}`,
  revision: 1,
  status: 'active',
  baseVersion: 1,
  candidate: { content: '', md5: 'm', type: 'text', sizeBytes: 0 },
  target: { ips: [], tags: [], weight: 20 },
  plan: null,
  progress: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  startedBy: 'bob',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'bob',
  endedReason: null,
  ...overrides,
});

function renderPage() {
  return render(
    <I18nProvider language="en">
      <App>
        <MemoryRouter initialEntries={['/ns/dev/canaries']}>
          <Routes>
            <Route path="/ns/:namespaceId/canaries" element={<CanaryListPage />} />
          </Routes>
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );
}

beforeEach(() => api.listCanaries.mockReset());

describe('CanaryListPage', () => {
  it('should list each active canary with its weight, targets and plan step, linked to its rollout', async () => {
    api.listCanaries.mockResolvedValue([
      canary('a.yaml', { target: { ips: ['10.0.0.1', '10.0.0.2'], tags: ['canary'], weight: 10 } }),
      canary('b.yaml', {
        plan: {
          steps: [
            { weight: 5, bakeMs: 1 },
            { weight: 100, bakeMs: 0 },
          ],
          guard: null,
        },
        progress: { step: 1, stepStartedAt: '', nextStepAt: '', guard: null },
      }),
    ]);
    renderPage();
    const link = await screen.findByRole('link', { name: 'Open the canary release of a.yaml' });
    expect(link.getAttribute('href')).toBe('/ns/dev/configs/DEFAULT_GROUP/a.yaml/canary');
    expect(screen.getByText('2 addresses')).toBeTruthy();
    expect(screen.getByText('Step 2 of 2')).toBeTruthy();
    expect(screen.getByText('Manual')).toBeTruthy();
    expect(api.listCanaries).toHaveBeenCalledWith('dev', expect.anything());
  });

  it('should explain how to start one when none is running', async () => {
    api.listCanaries.mockResolvedValue([]);
    renderPage();
    expect(await screen.findByText('No canary release is running in this namespace')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Go to configurations/ })).toBeTruthy();
  });
});
