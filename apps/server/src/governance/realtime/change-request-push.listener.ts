import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events';
import { RealtimeGateway } from '../../realtime/realtime.gateway';
import { RealtimeTopicsRegistry } from '../../realtime/realtime-topics.registry';
import { ChangeRequestsService } from '../change-requests.service';
import '../domain/change-request.events';
import { presentChangeRequestSummary } from '../http/change-request.presenter';

// The `change-requests` topic of a namespace: its open and approved requests, then every
// transition (the gateway checks read access to the namespace before a client joins).
@Injectable()
export class ChangeRequestPushListener implements OnModuleInit, OnModuleDestroy {
  private unsubscribe?: () => void;

  constructor(
    private readonly events: DomainEvents,
    private readonly gateway: RealtimeGateway,
    private readonly topics: RealtimeTopicsRegistry,
    private readonly requests: ChangeRequestsService,
  ) {}

  onModuleInit(): void {
    this.topics.register('change-requests', {
      snapshot: (topic) => {
        const required = this.requests.requiredApprovals(topic.namespaceId);
        return this.requests.activeOf(topic.namespaceId).map((r) => presentChangeRequestSummary(r, required));
      },
    });
    this.unsubscribe = this.events.on('governance.changeRequestChanged', (event) =>
      this.gateway.emitToTopic({ kind: 'change-requests', namespaceId: event.request.namespaceId }, 'change-request.changed', {
        transition: event.transition,
        request: presentChangeRequestSummary(event.request, event.requiredApprovals),
        actor: event.actor.user,
        at: event.at.toISOString(),
      }),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
