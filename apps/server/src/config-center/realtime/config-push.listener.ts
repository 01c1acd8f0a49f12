import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events';
import { RealtimeGateway } from '../../realtime/realtime.gateway';
import { RealtimeTopicsRegistry } from '../../realtime/realtime-topics.registry';
import { ConfigIndex } from '../config-index';
import { ConfigListeners } from '../config-listeners';
import { presentConfig } from '../http/config.presenter';

const socketClientId = (socketId: string) => `socket:${socketId}`;

// The `config` topic: snapshot (content and md5), then `config.published` / `config.deleted`.
// Socket subscribers are listeners in "who has what", holding the md5 they were sent.
@Injectable()
export class ConfigPushListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly events: DomainEvents,
    private readonly gateway: RealtimeGateway,
    private readonly topics: RealtimeTopicsRegistry,
    private readonly index: ConfigIndex,
    private readonly listeners: ConfigListeners,
  ) {}

  onModuleInit(): void {
    this.topics.register('config', {
      snapshot: (topic, client) => {
        const key = { namespaceId: topic.namespaceId, group: topic.group, dataId: topic.dataId };
        const record = this.index.live(key);
        this.listeners.report(key, { clientId: socketClientId(client.id), clientIp: client.ip, transport: 'socket', md5: record?.md5 ?? '' });
        return { config: record ? presentConfig(record) : null };
      },
      onLeave: (topic, client) => this.listeners.forget({ namespaceId: topic.namespaceId, group: topic.group, dataId: topic.dataId }, socketClientId(client.id)),
    });
    this.unsubscribers.push(
      this.events.on('config.published', (event) => {
        const key = event.config.key;
        if (this.gateway.hasSubscribers({ kind: 'config', ...key })) {
          this.gateway.emitToTopic({ kind: 'config', ...key }, 'config.published', { key: { ...key }, config: presentConfig(event.config), at: event.at.toISOString() });
        }
        this.markSocketsAt(key, event.config.md5);
      }),
      this.events.on('config.deleted', (event) => {
        const key = event.config.key;
        this.gateway.emitToTopic({ kind: 'config', ...key }, 'config.deleted', { key: { ...key }, version: event.config.version, at: event.at.toISOString() });
        this.markSocketsAt(key, '');
      }),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  private markSocketsAt(key: Parameters<ConfigListeners['list']>[0], md5: string): void {
    for (const entry of this.listeners.list(key)) if (entry.transport === 'socket') this.listeners.touch(key, entry.clientId, md5);
  }
}
