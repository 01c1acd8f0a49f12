import type { Settings } from '../settings/settings';
import type { HeartbeatTimeouts } from './domain/instance';

export function heartbeatDefaults(settings: Settings): HeartbeatTimeouts {
  return {
    intervalMs: settings.naming.heartbeatIntervalMs,
    unhealthyAfterMs: settings.naming.unhealthyAfterMs,
    expireAfterMs: settings.naming.expireAfterMs,
  };
}
