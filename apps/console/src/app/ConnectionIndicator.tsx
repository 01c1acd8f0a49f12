import { Badge, Tooltip } from 'antd';
import { useSyncExternalStore } from 'react';
import { realtime, type ConnectionState } from '../api/realtime-client';
import type { MessageKey } from '../i18n/messages.en';
import { useI18n } from '../i18n/useI18n';

const LOOK: Record<
  ConnectionState,
  { status: 'processing' | 'success' | 'warning'; label: MessageKey; hint: MessageKey }
> = {
  connecting: { status: 'processing', label: 'conn.connecting', hint: 'conn.hint.connecting' },
  live: { status: 'success', label: 'conn.live', hint: 'conn.hint.live' },
  reconnecting: { status: 'warning', label: 'conn.reconnecting', hint: 'conn.hint.reconnecting' },
};

export function ConnectionIndicator() {
  const { t } = useI18n();
  const state = useSyncExternalStore(realtime.onStateChange, realtime.getState);
  const look = LOOK[state];
  return (
    <Tooltip title={t(look.hint)}>
      <span data-testid="connection-status" data-state={state} role="status" aria-live="polite">
        <Badge status={look.status} text={t(look.label)} />
      </span>
    </Tooltip>
  );
}
