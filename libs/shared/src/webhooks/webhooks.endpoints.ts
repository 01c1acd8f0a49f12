import { defineEndpoint } from '../common/endpoint';
import type { Page } from '../common/page';
import type { CreateWebhookRequest, CreatedWebhookView, ListWebhookDeliveriesQuery, UpdateWebhookRequest, WebhookDeliveryView, WebhookView } from './webhook.types';

export const WEBHOOKS_ENDPOINTS = {
  listWebhooks: defineEndpoint<void, void, void, WebhookView[]>('GET', '/api/v1/webhooks'),
  createWebhook: defineEndpoint<void, void, CreateWebhookRequest, CreatedWebhookView>('POST', '/api/v1/webhooks'),
  getWebhook: defineEndpoint<{ id: string }, void, void, WebhookView>('GET', '/api/v1/webhooks/:id'),
  updateWebhook: defineEndpoint<{ id: string }, void, UpdateWebhookRequest, WebhookView | CreatedWebhookView>('PATCH', '/api/v1/webhooks/:id'),
  deleteWebhook: defineEndpoint<{ id: string }, void, void, void>('DELETE', '/api/v1/webhooks/:id'),
  listWebhookDeliveries: defineEndpoint<{ id: string }, ListWebhookDeliveriesQuery, void, Page<WebhookDeliveryView>>('GET', '/api/v1/webhooks/:id/deliveries'),
  // Sends a `webhook.test` event now; answers the delivery once its first attempt finished.
  testWebhook: defineEndpoint<{ id: string }, void, void, WebhookDeliveryView>('POST', '/api/v1/webhooks/:id/test'),
} as const;
