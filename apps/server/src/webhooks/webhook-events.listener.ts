import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/events/domain-events';
import type { Actor } from '../identity/actor';
import '../config-center/domain/config.events';
import '../config-center/canary/domain/canary.events';
import '../governance/domain/change-request.events';
import '../naming/domain/naming.events';
import { fromCanaryChanged, fromChangeRequestChanged, fromConfigDeleted, fromConfigPublished, fromInstanceChanged, type WebhookEventBody } from './domain/webhook-payloads';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhooksService } from './webhooks.service';

// Domain events into webhook deliveries. A handler runs on the path of the change (events are
// emitted synchronously after the commit), so it only matches the hooks in memory and hands the
// event to the dispatcher's inbox. A change learnt from another node (remote) is delivered by
// the node that committed it.
@Injectable()
export class WebhookEventsListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly events: DomainEvents,
    private readonly hooks: WebhooksService,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  onModuleInit(): void {
    this.unsubscribers.push(
      this.events.on('config.published', (e) => this.deliver(e.actor, fromConfigPublished(e))),
      this.events.on('config.deleted', (e) => this.deliver(e.actor, fromConfigDeleted(e))),
      this.events.on('config.canaryChanged', (e) => this.deliver(e.actor, fromCanaryChanged(e))),
      this.events.on('governance.changeRequestChanged', (e) => this.deliver(e.actor, fromChangeRequestChanged(e))),
      this.events.on('naming.instanceChanged', (e) => this.deliver(e.caller, fromInstanceChanged(e))),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  private deliver(actor: Actor, body: WebhookEventBody | null): void {
    if (!body || actor.remote) return;
    const subscribers = this.hooks.subscribers(body.type, body.namespaceId);
    if (!subscribers.length || !this.dispatcher.accepting()) return;
    this.dispatcher.enqueue({ id: randomUUID(), type: body.type, at: body.at.toISOString(), namespaceId: body.namespaceId, actor: body.actor, data: body.data }, subscribers);
  }
}
