import type { PageQuery } from '../common/page';

// The events a webhook can subscribe to.
export const WEBHOOK_EVENTS = [
  'config.published',
  'config.deleted',
  'config.rolled-back',
  'canary.started',
  'canary.promoted',
  'canary.aborted',
  'canary.auto-rolled-back',
  'change-request.opened',
  'change-request.approved',
  'change-request.applied',
  'instance.unhealthy',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

// The JSON body of every delivery. `X-Switchboard-Signature: sha256=<hex>` is an HMAC-SHA256 of
// the raw body with the hook's secret; `X-Switchboard-Event` and `X-Switchboard-Delivery` name
// the event type and the delivery id.
export interface WebhookPayload {
  id: string; // the event's id (one per event; every retry of a delivery sends the same)
  type: WebhookEventType | 'webhook.test';
  at: string; // ISO 8601 time of the change
  namespaceId: string | null;
  actor: string;
  data: Record<string, unknown>; // the event's subject (never config content)
}

export interface WebhookView {
  id: string;
  name: string;
  url: string; // http(s) only
  events: WebhookEventType[];
  namespaceId: string | null; // null: every namespace
  enabled: boolean;
  secretHint: string; // the last 4 characters of the secret
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  lastDelivery: WebhookDeliveryView | null;
}

// Returned on create (and on secret rotation): the only time the secret is shown.
export interface CreatedWebhookView extends WebhookView {
  secret: string;
}

export interface CreateWebhookRequest {
  name: string;
  url: string;
  events: WebhookEventType[];
  namespaceId?: string | null;
  enabled?: boolean; // default true
  secret?: string; // default: generated
}

export interface UpdateWebhookRequest {
  name?: string;
  url?: string;
  events?: WebhookEventType[];
  namespaceId?: string | null;
  enabled?: boolean;
  rotateSecret?: boolean; // a new secret, answered once
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'retrying' | 'failed';

export interface WebhookDeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: WebhookEventType | 'webhook.test';
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null; // HTTP status of the last attempt (null: no answer)
  latencyMs: number | null; // of the last attempt
  error: string | null; // why the last attempt failed (timeout, connection refused, status 500)
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null; // when retrying
}

export interface ListWebhookDeliveriesQuery extends PageQuery {
  status?: WebhookDeliveryStatus;
}

export const WEBHOOK_RULES = {
  nameMaxLength: 128,
  urlMaxLength: 2048,
  secretMinLength: 16,
  secretMaxLength: 256,
} as const;
