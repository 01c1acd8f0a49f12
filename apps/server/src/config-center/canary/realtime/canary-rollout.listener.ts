import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { DomainEvents } from '../../../common/events/domain-events';
import { RealtimeGateway } from '../../../realtime/realtime.gateway';
import { RealtimeTopicsRegistry } from '../../../realtime/realtime-topics.registry';
import { ConfigListeners } from '../../config-listeners';
import '../../domain/config.events';
import { configKeyString } from '../../domain/config-keys';
import { CanaryRolloutService } from '../canary-rollout.service';
import '../domain/canary.events';

// Coalesces bursts (a push reaches thousands of clients, each fetching the new content) into
// one rollout event per config per window.
const ROLLOUT_WINDOW_MS = 100;

// The `canary` topic: the rollout view as a snapshot, then `canary.rollout` whenever the canary
// or what a listening client holds changes.
@Injectable()
export class CanaryRolloutListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribers: (() => void)[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly events: DomainEvents,
    private readonly gateway: RealtimeGateway,
    private readonly topics: RealtimeTopicsRegistry,
    private readonly listeners: ConfigListeners,
    private readonly rollout: CanaryRolloutService,
  ) {}

  onModuleInit(): void {
    this.topics.register('canary', { snapshot: (topic) => this.rollout.view({ namespaceId: topic.namespaceId, group: topic.group, dataId: topic.dataId }) });
    const changed = (key: ConfigKey) => this.schedule(key);
    this.unsubscribers.push(
      this.listeners.observe(changed),
      this.events.on('config.canaryChanged', (event) => changed(event.canary.key)),
      this.events.on('config.answersChanged', (event) => changed(event.key)),
      this.events.on('config.published', (event) => changed(event.config.key)),
      this.events.on('config.deleted', (event) => changed(event.config.key)),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    for (const timer of this.pending.values()) clearTimeout(timer);
  }

  private schedule(key: ConfigKey): void {
    const id = configKeyString(key);
    if (this.pending.has(id) || !this.gateway.hasSubscribers({ kind: 'canary', ...key })) return;
    const timer = setTimeout(() => {
      this.pending.delete(id);
      const topic = { kind: 'canary' as const, ...key };
      if (this.gateway.hasSubscribers(topic)) this.gateway.emitToTopic(topic, 'canary.rollout', { key: { ...key }, rollout: this.rollout.view(key), at: new Date().toISOString() });
    }, ROLLOUT_WINDOW_MS);
    timer.unref();
    this.pending.set(id, timer);
  }
}
