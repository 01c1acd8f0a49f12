import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { OverviewView } from '@switchboard/shared';
import { AuditService } from '../auth/audit.service';
import { DomainEvents } from '../common/events/domain-events';
import '../config-center/canary/domain/canary.events';
import '../config-center/domain/config.events';
import '../namespaces/domain/namespace.events';
import '../naming/domain/naming.events';
import '../grpc/grpc.events';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { RealtimeTopicsRegistry } from '../realtime/realtime-topics.registry';
import { OverviewService } from './overview.service';
import type { Principal } from '../identity/principal';

// At most one overview per second: instance health flips in bursts.
const WINDOW_MS = 1_000;

// The `overview` topic: the view as a snapshot, then `overview.changed` after changes, each
// subscriber getting the view of the namespaces it may read.
@Injectable()
export class OverviewPushListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribers: (() => void)[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly events: DomainEvents,
    private readonly gateway: RealtimeGateway,
    private readonly topics: RealtimeTopicsRegistry,
    private readonly overview: OverviewService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.topics.register('overview', { snapshot: (_topic, client) => this.overview.view(client.principal) });
    const changed = () => this.schedule();
    this.unsubscribers.push(
      this.audit.observe(changed),
      this.events.on('naming.instanceChanged', changed),
      this.events.on('naming.serviceChanged', changed),
      this.events.on('config.published', changed),
      this.events.on('config.deleted', changed),
      this.events.on('config.canaryChanged', changed),
      this.events.on('namespace.changed', changed),
      this.events.on('grpc.connectionsChanged', changed),
    );
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  private schedule(): void {
    if (this.timer || !this.gateway.hasSubscribers({ kind: 'overview' })) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const views = new Map<Principal, OverviewView>();
      this.gateway.forEachSubscriber({ kind: 'overview' }, (client, socket) => {
        let view = views.get(client.principal);
        if (!view) views.set(client.principal, (view = this.overview.view(client.principal)));
        socket.emit('overview.changed', { overview: view });
      });
    }, WINDOW_MS);
    this.timer.unref();
  }
}
