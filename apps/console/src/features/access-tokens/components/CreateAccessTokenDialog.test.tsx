import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { CreateAccessTokenDialog } from './CreateAccessTokenDialog';

function renderDialog(canPublishDirect: boolean) {
  const onSubmit = vi.fn().mockResolvedValue(undefined);
  render(
    <I18nProvider language="en">
      <App>
        <CreateAccessTokenDialog open canPublishDirect={canPublishDirect} onSubmit={onSubmit} onCancel={() => undefined} />
      </App>
    </I18nProvider>,
  );
  return onSubmit;
}

describe('CreateAccessTokenDialog', () => {
  it('should let an administrator create a token that publishes directly', async () => {
    const onSubmit = renderDialog(true);
    fireEvent.change(screen.getByTestId('token-form-name'), { target: { value: 'deploy' } });
    fireEvent.click(screen.getByLabelText('Publish directly (bypasses review)'));
    fireEvent.click(screen.getByTestId('token-form-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: 'deploy', expiresInDays: 90, publishDirect: true }));
  });

  it('should not offer publishing directly to other users', async () => {
    const onSubmit = renderDialog(false);
    expect(screen.queryByLabelText('Publish directly (bypasses review)')).toBeNull();
    fireEvent.change(screen.getByTestId('token-form-name'), { target: { value: 'mine' } });
    fireEvent.click(screen.getByTestId('token-form-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: 'mine', expiresInDays: 90 }));
  });
});
