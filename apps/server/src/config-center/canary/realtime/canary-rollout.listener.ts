import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { ClusterBus } from '../../../cluster/cluster-bus';
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
// A view being gathered and sent (its window is over).
const SENDING = 'sending';

// Cluster notices that the clients listening to a config on a node moved (their data: the key).
const LISTENERS_NOTICE = 'listeners.changed';

// The `canary` topic: the rollout view as a snapshot, then `canary.rollout` whenever the canary
// or what a listening client holds changes. In cluster mode the clients of every node are shown:
// the snapshot (from memory, so no change slips in between) has this node's, and the
// cluster-wide view follows at once; a node whose clients moved tells the others, at most once
// per window and config, and each node asks the others for theirs when it pushes the view.
@Injectable()
export class CanaryRolloutListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CanaryRolloutListener.name);
  private readonly unsubscribers: (() => void)[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout | typeof SENDING>();
  private readonly again = new Set<string>();
  private readonly told = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly events: DomainEvents,
    private readonly gateway: RealtimeGateway,
    private readonly topics: RealtimeTopicsRegistry,
    private readonly listeners: ConfigListeners,
    private readonly rollout: CanaryRolloutService,
    private readonly cluster: ClusterBus,
  ) {}

  onModuleInit(): void {
    this.topics.register('canary', {
      snapshot: (topic) => {
        const key = { namespaceId: topic.namespaceId, group: topic.group, dataId: topic.dataId };
        if (this.cluster.enabled) this.schedule(key);
        return this.rollout.view(key);
      },
    });
    const changed = (key: ConfigKey) => this.schedule(key);
    this.cluster.on(LISTENERS_NOTICE, (key) => changed(key as ConfigKey));
    this.unsubscribers.push(
      this.listeners.observe((key) => {
        changed(key);
        if (this.cluster.enabled) this.tellCluster(key);
      }),
      this.events.on('config.canaryChanged', (event) => changed(event.canary.key)),
      this.events.on('config.answersChanged', (event) => changed(event.key)),
      this.events.on('config.published', (event) => changed(event.config.key)),
      this.events.on('config.deleted', (event) => changed(event.config.key)),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    for (const timer of [...this.pending.values(), ...this.told.values()]) if (timer !== SENDING) clearTimeout(timer);
  }

  private tellCluster(key: ConfigKey): void {
    const id = configKeyString(key);
    if (this.told.has(id)) return;
    const timer = setTimeout(() => {
      this.told.delete(id);
      this.cluster.announce(LISTENERS_NOTICE, key);
    }, ROLLOUT_WINDOW_MS);
    timer.unref();
    this.told.set(id, timer);
  }

  private schedule(key: ConfigKey): void {
    const id = configKeyString(key);
    if (this.pending.has(id)) {
      if (this.pending.get(id) === SENDING) this.again.add(id);
      return;
    }
    if (!this.gateway.hasSubscribers({ kind: 'canary', ...key })) return;
    const timer = setTimeout(() => {
      const topic = { kind: 'canary' as const, ...key };
      if (!this.gateway.hasSubscribers(topic)) {
        this.pending.delete(id);
        return;
      }
      this.pending.set(id, SENDING);
      // Kept pending until the view is sent (the other nodes are asked first); a change meanwhile
      // sends it once more, so views never overtake each other.
      void this.rollout
        .viewAcrossCluster(key)
        .then((rollout) => this.gateway.emitToTopic(topic, 'canary.rollout', { key: { ...key }, rollout, at: new Date().toISOString() }))
        .catch((error: unknown) => this.logger.error(`canary rollout of ${key.group}/${key.dataId} in ${key.namespaceId} not pushed: ${(error as Error).message}`))
        .finally(() => {
          this.pending.delete(id);
          if (this.again.delete(id)) this.schedule(key);
        });
    }, ROLLOUT_WINDOW_MS);
    timer.unref();
    this.pending.set(id, timer);
  }
}
