import { Injectable } from '@nestjs/common';
import type { ListWebhookDeliveriesQuery, Page, WebhookDeliveryView } from '@switchboard/shared';
import type { Actor } from '../identity/actor';
import type { WebhookDeliveryEntity, WebhookEntity } from './domain/webhook.entity';
import { presentDelivery } from './http/webhook.presenter';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookRepository } from './webhook.repository';

// The delivery log as administrators read it: the outcome of every attempt so far is written
// first, so the log never lags behind what the receivers saw.
@Injectable()
export class WebhookDeliveryLog {
  constructor(
    private readonly repository: WebhookRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async list(webhookId: string, query: ListWebhookDeliveriesQuery): Promise<Page<WebhookDeliveryView>> {
    await this.dispatcher.flushUpdates();
    const pageNo = query.pageNo ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [rows, total] = await this.repository.listDeliveries(webhookId, query.status, pageNo, pageSize);
    return { items: rows.map(presentDelivery), total, pageNo, pageSize };
  }

  async latest(webhookIds: string[]): Promise<Map<string, WebhookDeliveryEntity>> {
    await this.dispatcher.flushUpdates();
    const result = new Map<string, WebhookDeliveryEntity>();
    for (const id of webhookIds) {
      const row = await this.repository.latestDelivery(id);
      if (row) result.set(id, row);
    }
    return result;
  }

  sendTest(hook: WebhookEntity, caller: Actor): Promise<WebhookDeliveryEntity> {
    return this.dispatcher.sendTest(hook, caller.user);
  }
}
