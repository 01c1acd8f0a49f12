import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events';
import { RealtimeGateway } from '../../realtime/realtime.gateway';
import { RealtimeTopicsRegistry } from '../../realtime/realtime-topics.registry';
import {
  presentInstance,
  presentInstanceList,
  presentServiceSummary,
} from '../http/naming.presenter';
import { InstanceQueryService } from '../instance-query.service';
import { NamingRegistry } from '../naming-registry';

// Topics `service` (one service's instances: snapshot, then one delta per change) and
// `services` (the summaries of a namespace's services, re-sent when counts change).
@Injectable()
export class NamingPushListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly events: DomainEvents,
    private readonly gateway: RealtimeGateway,
    private readonly topics: RealtimeTopicsRegistry,
    private readonly registry: NamingRegistry,
    private readonly query: InstanceQueryService,
  ) {}

  onModuleInit(): void {
    this.topics.register('service', {
      snapshot: (topic) => {
        const key = {
          namespaceId: topic.namespaceId,
          groupName: topic.groupName,
          serviceName: topic.serviceName,
        };
        const discovery = this.query.listOrEmpty(key, {
          healthyOnly: false,
          clusters: [],
          tags: [],
          // The topic is the operator's view: a disabled instance stays visible, to be enabled again.
          includeDisabled: true,
        });
        return discovery
          ? presentInstanceList(discovery)
          : { service: key, instances: [], reachProtectionThreshold: false, revision: 0 };
      },
    });
    this.topics.register('services', {
      snapshot: (topic) =>
        this.registry
          .servicesOf(topic.namespaceId)
          .map((s) => presentServiceSummary(s.service, s.instances.values())),
    });
    this.unsubscribers.push(
      this.events.on('naming.instanceChanged', (event) => {
        const key = event.service.key;
        if (this.gateway.hasSubscribers({ kind: 'service', ...key }))
          this.gateway.emitToTopic({ kind: 'service', ...key }, 'service.instancesChanged', {
            service: { ...key },
            change: event.change,
            instance: presentInstance(key, event.instance),
            revision: event.revision,
            at: event.at.toISOString(),
          });
        const state = this.registry.get(key);
        if (
          state &&
          this.gateway.hasSubscribers({ kind: 'services', namespaceId: key.namespaceId })
        ) {
          this.gateway.emitToTopic(
            { kind: 'services', namespaceId: key.namespaceId },
            'service.changed',
            {
              change: 'updated',
              service: presentServiceSummary(state.service, state.instances.values()),
              at: event.at.toISOString(),
            },
          );
        }
      }),
      this.events.on('naming.serviceChanged', (event) => {
        const state = this.registry.get(event.service.key);
        this.gateway.emitToTopic(
          { kind: 'services', namespaceId: event.service.key.namespaceId },
          'service.changed',
          {
            change: event.change,
            service: presentServiceSummary(event.service, state?.instances.values() ?? []),
            at: event.at.toISOString(),
          },
        );
      }),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }
}
