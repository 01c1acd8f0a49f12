import { Button, Result } from 'antd';
import { Component, type ContextType, type ErrorInfo, type ReactNode } from 'react';
import { I18nContext } from '../i18n/i18n-context';

export interface ErrorBoundaryProps {
  children: ReactNode;
}

interface ErrorBoundaryState {
  error?: Error;
}

// Keeps a crashing page from blanking the whole console; the layout stays usable.
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  static override contextType = I18nContext;
  declare context: ContextType<typeof I18nContext>;
  override state: ErrorBoundaryState = {};

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page crashed', error, info.componentStack);
  }

  // A page chunk that failed to download stays failed inside React.lazy: only a reload
  // fetches it again (typically after the server was restarted or redeployed).
  private readonly retry = () => {
    if (this.state.error && isChunkLoadError(this.state.error)) window.location.reload();
    else this.setState({ error: undefined });
  };

  override render() {
    if (!this.state.error) return this.props.children;
    const { t } = this.context;
    return (
      <Result
        status="error"
        title={t('boundary.title')}
        subTitle={this.state.error.message}
        extra={
          <Button type="primary" onClick={this.retry}>
            {t('boundary.retry')}
          </Button>
        }
      />
    );
  }
}

function isChunkLoadError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(
    error.message,
  );
}
