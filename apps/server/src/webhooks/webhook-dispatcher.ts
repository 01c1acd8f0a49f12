import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { WebhookPayload } from '@switchboard/shared';
import { Counter, Gauge } from 'prom-client';
import { ClusterBus } from '../cluster/cluster-bus';
import { Clock } from '../common/clock';
import { MetricsService } from '../common/metrics/metrics.service';
import { isDatabaseUnavailable } from '../database/errors';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { WebhookDeliveryEntity, type WebhookEntity } from './domain/webhook.entity';
import { isDelivered, retryDelayMs, signatureOf } from './domain/webhook-delivery.rules';
import { WebhookRepository } from './webhook.repository';
import { WebhooksService } from './webhooks.service';

// Events waiting to become delivery rows; beyond this an event is dropped (counted and logged).
const MAX_INBOX = 10_000;
// Deliveries written and not finished (queued, in flight or waiting for a retry); while this
// many wait, new events stay in the inbox. Far more than WEBHOOK_CONCURRENCY can send in the
// time a receiver takes, and small enough that slow receivers do not have the database write
// rows that cannot be sent for a long while (that write time is taken from publishes on SQLite).
const MAX_ACTIVE = 5000;
// Delivery rows written per transaction, and how long new events gather before they are written.
const ROWS_PER_WRITE = 1000;
const GATHER_MS = 50;
const UPDATE_FLUSH_MS = 200;
const RETRY_WRITE_MS = 1000;
const ERROR_MAX_LENGTH = 500;

interface InboxItem {
  payload: WebhookPayload;
  hookIds: string[];
}

type Outcome = 'succeeded' | 'retrying' | 'failed';

// Webhook deliveries, off the path of the change that caused them. A domain event only puts the
// event in a bounded in-memory inbox; a background step writes the delivery rows in batches
// (durable from then on: a restart resumes them), then sends each with a bounded number in
// flight, retrying failures with exponential back-off until WEBHOOK_MAX_ATTEMPTS.
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly settings: Settings['webhooks'];
  private inbox: InboxItem[] = [];
  private gatherTimer: NodeJS.Timeout | undefined;
  private writing = false;
  private readonly active = new Map<string, WebhookDeliveryEntity>();
  private readonly ready = new DeliveryQueue();
  private inFlight = 0;
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private updates = new Map<string, WebhookDeliveryEntity>();
  private updateTimer: NodeJS.Timeout | undefined;
  private droppedSinceLog = 0;
  private stopped = false;
  private readonly outcomes: Counter<'outcome'>;
  private readonly dropped: Counter;

  constructor(
    private readonly repository: WebhookRepository,
    private readonly hooks: WebhooksService,
    private readonly clock: Clock,
    private readonly cluster: ClusterBus,
    metrics: MetricsService,
    @Inject(SETTINGS) settings: Settings,
  ) {
    this.settings = settings.webhooks;
    const registers = [metrics.registry];
    this.outcomes = new Counter({
      name: 'switchboard_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: succeeded (2xx), retrying (failed, tried again later), failed (failed, no attempt left)',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.dropped = new Counter({ name: 'switchboard_webhook_events_dropped_total', help: 'Events not delivered to webhooks because the delivery inbox was full', registers });
    const waiting = () => this.inbox.reduce((n, item) => n + item.hookIds.length, 0) + this.active.size;
    new Gauge({
      name: 'switchboard_webhook_deliveries_queued',
      help: 'Webhook deliveries waiting on this node (to be written, to be sent, in flight or waiting for a retry)',
      registers,
      collect() {
        this.set(waiting());
      },
    });
  }

  // Whether an event would be taken now; a full inbox counts the event as dropped, so a caller
  // builds no payload for it.
  accepting(): boolean {
    if (this.stopped) return false;
    if (this.inbox.length < MAX_INBOX) return true;
    this.dropped.inc();
    if (this.droppedSinceLog++ === 0) setTimeout(() => this.logDrops(), 1000).unref();
    return false;
  }

  // Called from a domain event handler (after accepting()): puts the event in memory and returns.
  enqueue(payload: WebhookPayload, hooks: readonly WebhookEntity[]): void {
    if (this.stopped || hooks.length === 0) return;
    this.inbox.push({ payload, hookIds: hooks.map((h) => h.id) });
    this.gatherTimer ??= setTimeout(() => void this.writeInbox(), GATHER_MS);
  }

  // Sends a `webhook.test` event to one hook now (whatever its subscriptions and enabled state,
  // outside the concurrency bound) and answers the delivery once its first attempt is over.
  async sendTest(hook: WebhookEntity, actor: string): Promise<WebhookDeliveryEntity> {
    const payload: WebhookPayload = { id: randomUUID(), type: 'webhook.test', at: this.clock.now().toISOString(), namespaceId: hook.namespaceId, actor, data: { webhookId: hook.id, name: hook.name } };
    const [row] = this.rowsOf(payload, [hook.id]);
    await this.repository.insertDeliveries([row]);
    this.active.set(row.id, row);
    await this.attempt(row, hook);
    return row;
  }

  // Every attempt's outcome is written before a delivery log is read.
  async flushUpdates(): Promise<void> {
    clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    if (!this.updates.size) return;
    const rows = [...this.updates.values()].map((row) => Object.assign(new WebhookDeliveryEntity(), row));
    this.updates = new Map();
    try {
      await this.repository.updateDeliveries(rows);
    } catch (error) {
      // Kept for the next flush unless a newer outcome replaced them meanwhile.
      for (const row of rows) if (!this.updates.has(row.id)) this.updates.set(row.id, row);
      this.logger.warn(`webhook delivery log not written, trying again: ${(error as Error).message}`);
      this.scheduleUpdates(RETRY_WRITE_MS);
    }
  }

  // Resumes what was still to send when this node (or, in cluster mode, a node no longer running)
  // stopped.
  async onApplicationBootstrap(): Promise<void> {
    if (this.cluster.enabled && !this.cluster.connected) {
      // Which nodes still run (and send their own) cannot be told: nothing is taken over.
      this.logger.warn('cluster not connected at start-up: unfinished webhook deliveries of stopped nodes are not resumed');
      return;
    }
    const running = this.cluster.enabled ? (await this.cluster.nodes()).nodes.filter((n) => !n.self).map((n) => n.nodeId) : [];
    const rows = await this.repository.findUnfinished(MAX_ACTIVE, running);
    const now = this.clock.now().getTime();
    for (const row of rows) {
      row.node = this.cluster.nodeId;
      this.active.set(row.id, row);
      const due = row.nextAttemptAt ? row.nextAttemptAt.getTime() - now : 0;
      if (due > 0) this.retryLater(row, due);
      else this.ready.push(row);
    }
    if (rows.length) this.logger.log(`webhook deliveries resumed: ${rows.length}`);
    this.pump();
  }

  // Events not yet written are written (they are then resumed at the next start); the outcomes
  // of attempts in flight are lost, and those deliveries are sent again.
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.gatherTimer);
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    while (this.inbox.length) {
      const batch = this.takeBatch(Number.MAX_SAFE_INTEGER);
      await this.repository.insertDeliveries(batch).catch((error: unknown) => this.logger.error(`webhook deliveries not written at shutdown: ${(error as Error).message}`));
    }
    await this.flushUpdates();
  }

  private logDrops(): void {
    this.logger.warn(`webhook inbox full: ${this.droppedSinceLog} event(s) dropped`);
    this.droppedSinceLog = 0;
  }

  private rowsOf(payload: WebhookPayload, hookIds: string[]): WebhookDeliveryEntity[] {
    const body = JSON.stringify(payload);
    const createdAt = this.clock.now();
    return hookIds.map((webhookId) =>
      Object.assign(new WebhookDeliveryEntity(), {
        id: randomUUID(),
        webhookId,
        eventId: payload.id,
        eventType: payload.type,
        payload: body,
        status: 'pending',
        attempts: 0,
        responseStatus: null,
        latencyMs: null,
        error: null,
        node: this.cluster.nodeId,
        createdAt,
        lastAttemptAt: null,
        nextAttemptAt: null,
      }),
    );
  }

  // Rows of the oldest events of the inbox, up to `room` rows (an event's rows stay together).
  private takeBatch(room: number): WebhookDeliveryEntity[] {
    const rows: WebhookDeliveryEntity[] = [];
    let taken = 0;
    while (taken < this.inbox.length && rows.length < Math.min(room, ROWS_PER_WRITE)) {
      const { payload, hookIds } = this.inbox[taken++];
      rows.push(...this.rowsOf(payload, hookIds));
    }
    this.inbox = this.inbox.slice(taken);
    return rows;
  }

  private async writeInbox(): Promise<void> {
    this.gatherTimer = undefined;
    if (this.writing || this.stopped) return;
    this.writing = true;
    try {
      while (this.inbox.length && !this.stopped) {
        const room = MAX_ACTIVE - this.active.size;
        if (room <= 0) break;
        const rows = this.takeBatch(room);
        try {
          await this.repository.insertDeliveries(rows);
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            this.logger.warn('webhook deliveries not written (database unavailable), trying again');
            this.inbox.unshift(...unrows(rows));
            this.gatherTimer ??= setTimeout(() => void this.writeInbox(), RETRY_WRITE_MS);
            return;
          }
          this.logger.error(`webhook deliveries not written: ${(error as Error).message}`);
          continue;
        }
        for (const row of rows) {
          this.active.set(row.id, row);
          this.ready.push(row);
        }
        this.pump();
      }
    } finally {
      this.writing = false;
    }
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.settings.concurrency && this.ready.length) {
      const row = this.ready.shift()!;
      const hook = this.hooks.active(row.webhookId);
      if (!hook) {
        this.finishWithoutHook(row, this.hooks.exists(row.webhookId));
        continue;
      }
      void this.attempt(row, hook);
    }
    // Room again for events waiting in the inbox.
    if (this.inbox.length && !this.writing && this.active.size < MAX_ACTIVE) this.gatherTimer ??= setTimeout(() => void this.writeInbox(), GATHER_MS);
  }

  // A hook disabled since: its delivery is not sent, and fails. A hook deleted since took its
  // delivery log with it: nothing is left to record.
  private finishWithoutHook(row: WebhookDeliveryEntity, hookExists: boolean): void {
    this.active.delete(row.id);
    if (!hookExists) return;
    Object.assign(row, { status: 'failed', error: 'webhook disabled', nextAttemptAt: null });
    this.outcomes.labels('failed').inc();
    this.record(row);
  }

  private async attempt(row: WebhookDeliveryEntity, hook: WebhookEntity): Promise<void> {
    this.inFlight += 1;
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Switchboard-Webhook',
          'x-switchboard-event': row.eventType,
          'x-switchboard-delivery': row.id,
          'x-switchboard-signature': signatureOf(hook.secret, row.payload),
        },
        body: row.payload,
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (!isDelivered(status)) error = `status ${status}`;
    } catch (failure) {
      error = describeFailure(failure);
    } finally {
      this.inFlight -= 1;
    }
    const now = this.clock.now();
    row.attempts += 1;
    row.responseStatus = status;
    row.latencyMs = Math.round(performance.now() - started);
    row.error = error;
    row.lastAttemptAt = now;
    let outcome: Outcome;
    if (error === null) outcome = 'succeeded';
    else if (row.attempts >= this.settings.maxAttempts) outcome = 'failed';
    else outcome = 'retrying';
    row.status = outcome;
    this.outcomes.labels(outcome).inc();
    if (outcome === 'retrying') {
      const delay = retryDelayMs(row.attempts, this.settings.retryBaseMs);
      row.nextAttemptAt = new Date(now.getTime() + delay);
      this.retryLater(row, delay);
    } else {
      row.nextAttemptAt = null;
      this.active.delete(row.id);
      if (outcome === 'failed') this.logger.warn(`webhook delivery failed id=${row.id} webhook=${row.webhookId} event=${row.eventType} attempts=${row.attempts}: ${error}`);
    }
    this.record(row);
    this.pump();
  }

  private retryLater(row: WebhookDeliveryEntity, delayMs: number): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(row.id);
      this.ready.push(row);
      this.pump();
    }, delayMs);
    timer.unref();
    this.retryTimers.set(row.id, timer);
  }

  private record(row: WebhookDeliveryEntity): void {
    this.updates.set(row.id, Object.assign(new WebhookDeliveryEntity(), row));
    this.scheduleUpdates(UPDATE_FLUSH_MS);
  }

  private scheduleUpdates(delayMs: number): void {
    if (this.updateTimer || this.stopped) return;
    this.updateTimer = setTimeout(() => void this.flushUpdates(), delayMs);
    this.updateTimer.unref();
  }
}

// The inbox items that rows came from (rows of one event share its payload and id).
function unrows(rows: WebhookDeliveryEntity[]): InboxItem[] {
  const items = new Map<string, InboxItem>();
  for (const row of rows) {
    const item = items.get(row.eventId) ?? { payload: JSON.parse(row.payload) as WebhookPayload, hookIds: [] };
    item.hookIds.push(row.webhookId);
    items.set(row.eventId, item);
  }
  return [...items.values()];
}

// Why an attempt got no answer, in a few words (never the payload or the secret).
function describeFailure(failure: unknown): string {
  const error = failure as Error & { cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
  const cause = error.cause;
  const text = cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ''}` : error.message;
  return text.slice(0, ERROR_MAX_LENGTH);
}

// First in, first out, without the cost of Array.shift on a long array.
class DeliveryQueue {
  private items: WebhookDeliveryEntity[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(row: WebhookDeliveryEntity): void {
    this.items.push(row);
  }

  shift(): WebhookDeliveryEntity | undefined {
    if (this.head >= this.items.length) return undefined;
    const row = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return row;
  }
}
