import type { CreatedWebhookView, WebhookDeliveryView, WebhookView } from '@switchboard/shared';
import type { WebhookDeliveryEntity, WebhookEntity } from '../domain/webhook.entity';
import { secretHint } from '../domain/webhook.rules';

// The only place webhook views are built; the secret appears only in a CreatedWebhookView.
export function presentWebhook(hook: WebhookEntity, lastDelivery: WebhookDeliveryEntity | null): WebhookView {
  return {
    id: hook.id,
    name: hook.name,
    url: hook.url,
    events: [...hook.events],
    namespaceId: hook.namespaceId,
    enabled: hook.enabled,
    secretHint: secretHint(hook.secret),
    createdAt: hook.createdAt.toISOString(),
    updatedAt: hook.updatedAt.toISOString(),
    createdBy: hook.createdBy,
    lastDelivery: lastDelivery ? presentDelivery(lastDelivery) : null,
  };
}

export function presentCreatedWebhook(hook: WebhookEntity, secret: string, lastDelivery: WebhookDeliveryEntity | null): CreatedWebhookView {
  return { ...presentWebhook(hook, lastDelivery), secret };
}

export function presentDelivery(row: WebhookDeliveryEntity): WebhookDeliveryView {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    latencyMs: row.latencyMs,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt ? row.lastAttemptAt.toISOString() : null,
    nextAttemptAt: row.nextAttemptAt ? row.nextAttemptAt.toISOString() : null,
  };
}
