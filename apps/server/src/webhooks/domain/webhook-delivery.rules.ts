import { createHmac } from 'node:crypto';

// The signature header's value: HMAC-SHA256 of the exact body bytes with the hook's secret.
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

// Longest wait between two attempts of a delivery.
export const RETRY_CAP_MS = 3600_000;

// The wait after failed attempt number `attempt` (1-based): base × 2^(attempt-1), capped.
export function retryDelayMs(attempt: number, baseMs: number, capMs = RETRY_CAP_MS): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

// An answer counts as delivered when its status is 2xx (redirects are not followed).
export function isDelivered(status: number): boolean {
  return status >= 200 && status < 300;
}
