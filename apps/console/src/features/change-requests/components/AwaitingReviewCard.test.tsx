import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { summaryView } from '../test-fixtures';
import { AwaitingReviewCard } from './AwaitingReviewCard';

const api = vi.hoisted(() => ({ awaitingMyReview: vi.fn() }));
vi.mock('../../../api/change-requests.api', () => api);

function renderCard() {
  return render(
    <I18nProvider language="en">
      <App>
        <MemoryRouter>
          <AwaitingReviewCard />
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );
}

beforeEach(() => api.awaitingMyReview.mockReset());

describe('AwaitingReviewCard', () => {
  it('should list each request waiting for the user with its namespace and author, linked to it', async () => {
    api.awaitingMyReview.mockResolvedValue([summaryView({ id: 'cr-7', namespaceId: 'prod', title: 'Raise limits' })]);
    renderCard();
    const link = await screen.findByRole('link', { name: 'Raise limits' });
    expect(link.getAttribute('href')).toBe('/ns/prod/change-requests/cr-7');
    expect(screen.getByText('prod')).toBeTruthy();
    expect(screen.getByText(/by alice/)).toBeTruthy();
  });

  it('should say so when nothing waits', async () => {
    api.awaitingMyReview.mockResolvedValue([]);
    renderCard();
    expect(await screen.findByText('Nothing waits for your review.')).toBeTruthy();
  });
});
