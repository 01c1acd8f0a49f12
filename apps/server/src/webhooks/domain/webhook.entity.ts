import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WebhookDeliveryStatus, WebhookEventType } from '@switchboard/shared';
import { epochMillis } from '../../database/columns';

// Event types are stored as a comma-separated list (a handful of known names).
const eventList = {
  to: (value: readonly string[] | undefined) => (Array.isArray(value) ? value.join(',') : value),
  from: (value: string | null) => (value ? value.split(',').filter(Boolean) : []),
};

@Entity({ name: 'webhooks' })
export class WebhookEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'text', transformer: eventList })
  events: WebhookEventType[];

  // null: every namespace.
  @Column({ name: 'namespace_id', type: 'varchar', length: 128, nullable: true })
  namespaceId: string | null;

  @Column({ type: 'boolean' })
  enabled: boolean;

  // Signs every delivery; answered once (on create and on rotation), never logged.
  @Column({ type: 'varchar', length: 256 })
  secret: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMillis })
  updatedAt: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy: string;
}

@Entity({ name: 'webhook_deliveries' })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'webhook_id', type: 'varchar', length: 36 })
  webhookId: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: WebhookEventType | 'webhook.test';

  // The exact body sent on every attempt (the signature is computed over these bytes).
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16 })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs: number | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  error: string | null;

  // The node that sends it (cluster mode: a node resumes its own deliveries after a restart).
  @Column({ type: 'varchar', length: 64 })
  node: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMillis })
  createdAt: Date;

  @Column({ name: 'last_attempt_at', type: 'bigint', nullable: true, transformer: epochMillis })
  lastAttemptAt: Date | null;

  @Column({ name: 'next_attempt_at', type: 'bigint', nullable: true, transformer: epochMillis })
  nextAttemptAt: Date | null;
}
