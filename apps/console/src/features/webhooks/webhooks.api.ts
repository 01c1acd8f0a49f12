import {
  WEBHOOKS_ENDPOINTS as E,
  type CreateWebhookRequest,
  type ListWebhookDeliveriesQuery,
  type UpdateWebhookRequest,
} from '@switchboard/shared';
import { callEndpoint } from '../../api/http-client';

export const listWebhooks = (signal?: AbortSignal) => callEndpoint(E.listWebhooks, { signal });
export const createWebhook = (body: CreateWebhookRequest) => callEndpoint(E.createWebhook, { body });
export const updateWebhook = (id: string, body: UpdateWebhookRequest) =>
  callEndpoint(E.updateWebhook, { params: { id }, body });
export const deleteWebhook = (id: string) => callEndpoint(E.deleteWebhook, { params: { id } });
export const listWebhookDeliveries = (id: string, query: ListWebhookDeliveriesQuery, signal?: AbortSignal) =>
  callEndpoint(E.listWebhookDeliveries, { params: { id }, query, signal });
export const testWebhook = (id: string) => callEndpoint(E.testWebhook, { params: { id } });
