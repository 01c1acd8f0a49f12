import type { InstanceView } from '@switchboard/shared';
import type { MessageKey } from '../../i18n/messages.en';

// `10.0.0.5:8080`, `[fe80::1]:8080`.
export function instanceAddress(instance: Pick<InstanceView, 'ip' | 'port'>): string {
  return instance.ip.includes(':')
    ? `[${instance.ip}]:${instance.port}`
    : `${instance.ip}:${instance.port}`;
}

// The local time with seconds, in the console's date format (`2026-11-25 08:09:07`).
export function dateTimeWithSeconds(iso: string, formatDateTime: (iso: string) => string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDateTime(iso)}:${String(date.getSeconds()).padStart(2, '0')}`;
}

// How long ago, in the coarsest unit that still says something.
export function agoMessage(elapsedMs: number): { key: MessageKey; count: number } {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 120) return { key: 'services.instances.ago.seconds', count: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return { key: 'services.instances.ago.minutes', count: minutes };
  return { key: 'services.instances.ago.hours', count: Math.floor(minutes / 60) };
}
