import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryStatus } from '@switchboard/shared';
import { DataSource, In, Not, type Repository } from 'typeorm';
import type { FeedEntry } from '../database/change-feed';
import { DatabaseWriter, type BatchStatement } from '../database/database-writer';
import { insertRows } from '../database/multi-row';
import { WebhookDeliveryEntity, WebhookEntity } from './domain/webhook.entity';

// Hooks in the change feed (cluster mode): the hook's id. Every node holds every hook.
export const WEBHOOK_FEED = 'webhook';
const feedOf = (id: string): FeedEntry[] => [{ area: WEBHOOK_FEED, key: id }];

// New delivery rows join the commit group of whatever else is being written (a publish, audit
// rows): no transaction and fsync of their own.
const DELIVERY_ROWS = 'webhook-delivery-rows';
// 14 bound columns a row: well under every database's parameter limit.
const ROWS_PER_STATEMENT = 200;

const UNFINISHED: WebhookDeliveryStatus[] = ['pending', 'retrying'];

@Injectable()
export class WebhookRepository {
  private readonly hooks: Repository<WebhookEntity>;
  private readonly deliveries: Repository<WebhookDeliveryEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: DatabaseWriter,
  ) {
    this.hooks = dataSource.getRepository(WebhookEntity);
    this.deliveries = dataSource.getRepository(WebhookDeliveryEntity);
    writer.registerBatchWriter(DELIVERY_ROWS, (payloads) => {
      const rows = (payloads as WebhookDeliveryEntity[][]).flat();
      const statements: BatchStatement[] = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) statements.push(insertRows(dataSource, WebhookDeliveryEntity, rows.slice(i, i + ROWS_PER_STATEMENT)));
      return statements;
    });
  }

  findAllHooks(): Promise<WebhookEntity[]> {
    return this.hooks.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findHook(id: string): Promise<WebhookEntity | null> {
    return this.hooks.findOneBy({ id });
  }

  async insertHook(hook: WebhookEntity): Promise<void> {
    await this.writer.transaction((manager) => manager.insert(WebhookEntity, hook), undefined, feedOf(hook.id));
  }

  async updateHook(hook: WebhookEntity): Promise<boolean> {
    const { id, ...fields } = hook;
    const result = await this.writer.transaction((manager) => manager.update(WebhookEntity, { id }, fields), undefined, feedOf(id));
    return (result.affected ?? 0) > 0;
  }

  // The hook and its delivery log.
  async deleteHook(id: string): Promise<boolean> {
    const result = await this.writer.transaction(
      async (manager) => {
        await manager.delete(WebhookDeliveryEntity, { webhookId: id });
        return manager.delete(WebhookEntity, { id });
      },
      undefined,
      feedOf(id),
    );
    return (result.affected ?? 0) > 0;
  }

  // One multi-row insert per batch of new deliveries.
  async insertDeliveries(rows: WebhookDeliveryEntity[]): Promise<void> {
    if (!rows.length) return;
    await this.writer.transaction(
      async (manager) => {
        for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
          const { sql, params } = insertRows(this.dataSource, WebhookDeliveryEntity, rows.slice(i, i + ROWS_PER_STATEMENT));
          await manager.query(sql, params);
        }
      },
      { kind: DELIVERY_ROWS, payload: rows },
    );
  }

  // The outcome of attempts, many in one transaction.
  async updateDeliveries(rows: WebhookDeliveryEntity[]): Promise<void> {
    if (!rows.length) return;
    await this.writer.transaction(async (manager) => {
      for (const row of rows) {
        const { id, status, attempts, responseStatus, latencyMs, error, node, lastAttemptAt, nextAttemptAt } = row;
        await manager.update(WebhookDeliveryEntity, { id }, { status, attempts, responseStatus, latencyMs, error, node, lastAttemptAt, nextAttemptAt });
      }
    });
  }

  async listDeliveries(webhookId: string, status: WebhookDeliveryStatus | undefined, pageNo: number, pageSize: number): Promise<[WebhookDeliveryEntity[], number]> {
    return this.deliveries.findAndCount({
      where: status ? { webhookId, status } : { webhookId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (pageNo - 1) * pageSize,
      take: pageSize,
    });
  }

  latestDelivery(webhookId: string): Promise<WebhookDeliveryEntity | null> {
    return this.deliveries.findOne({ where: { webhookId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  // Deliveries still to send (pending or retrying), oldest first; `except`: nodes that are still
  // running and send their own.
  findUnfinished(limit: number, except: string[]): Promise<WebhookDeliveryEntity[]> {
    return this.deliveries.find({
      where: except.length ? { status: In(UNFINISHED), node: Not(In(except)) } : { status: In(UNFINISHED) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }
}
