import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events';
import { RealtimeGateway } from '../../realtime/realtime.gateway';
import { RealtimeTopicsRegistry } from '../../realtime/realtime-topics.registry';
import { presentNamespace } from '../http/namespace.presenter';
import { NamespacesService } from '../namespaces.service';
import { canAccess } from '../../identity/principal';

// The `namespaces` topic: snapshot from the in-memory index, then one delta per committed change.
@Injectable()
export class NamespacePushListener implements OnModuleInit, OnModuleDestroy {
  private unsubscribe?: () => void;

  constructor(
    private readonly events: DomainEvents,
    private readonly gateway: RealtimeGateway,
    private readonly topics: RealtimeTopicsRegistry,
    private readonly namespaces: NamespacesService,
  ) {}

  onModuleInit(): void {
    this.topics.register('namespaces', {
      snapshot: (_topic, client) =>
        this.namespaces
          .list()
          .filter((n) => canAccess(client.principal, n.namespaceId, 'read'))
          .map((n) => presentNamespace(n, this.namespaces.usage(n.namespaceId, 'configs'))),
    });
    this.unsubscribe = this.events.on('namespace.changed', (event) =>
      this.gateway.emitToTopicWhere({ kind: 'namespaces' }, (principal) => canAccess(principal, event.namespace.namespaceId, 'read'), 'namespace.changed', {
        change: event.change,
        namespace: presentNamespace(event.namespace, this.namespaces.usage(event.namespace.namespaceId, 'configs')),
        at: event.at.toISOString(),
      }),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
