// The services Nacos gRPC clients subscribe to (SubscribeServiceRequest), and the
// NotifySubscriberRequest pushes that follow every change of their instances. The changes of one
// turn of the event loop are pushed once per subscriber, with the ServiceInfo of its cluster
// filter; a push not acknowledged in time is sent again (with what is current then). A closed
// connection's subscriptions end, and the instances it kept alive are deregistered.
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServiceKey } from '@switchboard/shared';
import { DomainEvents } from '../../common/events/domain-events';
import { PerTurn } from '../../common/events/per-turn';
import type { GrpcConnection } from '../../grpc/grpc-connection';
import { RawJson } from '../../grpc/grpc-handlers';
import { NacosGrpcServer } from '../../grpc/nacos-grpc.server';
import '../domain/naming.events';
import { serviceKeyString } from '../domain/naming-keys';
import { InstanceRegistrationService } from '../instance-registration.service';
import { NacosNamingOperations } from './nacos-naming.operations';

interface Subscriber {
  connection: GrpcConnection;
  clusters: string;
  namespace: string; // as the client wrote it
}

const MAX_ATTEMPTS = 3;

@Injectable()
export class NacosNamingGrpcSubscribers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NacosNamingGrpcSubscribers.name);
  private readonly byService = new Map<string, Map<string, Subscriber>>();
  // The changes of one turn of the event loop are pushed once per service.
  private readonly changes = new PerTurn<ServiceKey>(
    (key) => this.pushAll(key),
    (key, error) => this.logger.error(`pushing ${serviceKeyString(key)} to gRPC subscribers failed: ${error.message}`, error.stack),
  );
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly grpc: NacosGrpcServer,
    private readonly events: DomainEvents,
    private readonly naming: NacosNamingOperations,
    private readonly registration: InstanceRegistrationService,
  ) {}

  onModuleInit(): void {
    const changed = (key: ServiceKey) => {
      const id = serviceKeyString(key);
      if (this.byService.has(id)) this.changes.add(id, key);
    };
    this.unsubscribers.push(
      this.events.on('naming.instanceChanged', (event) => changed(event.service.key)),
      this.events.on('naming.serviceChanged', (event) => changed(event.service.key)),
      this.grpc.onClosed((connection) => this.release(connection)),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  subscribe(connection: GrpcConnection, key: ServiceKey, clusters: string, namespace: string): void {
    const id = serviceKeyString(key);
    let subscribers = this.byService.get(id);
    if (!subscribers) this.byService.set(id, (subscribers = new Map()));
    subscribers.set(connection.id, { connection, clusters, namespace });
    connection.subscriptions.set(id, { key, clusters });
  }

  unsubscribe(connection: GrpcConnection, key: ServiceKey): void {
    const id = serviceKeyString(key);
    connection.subscriptions.delete(id);
    const subscribers = this.byService.get(id);
    if (!subscribers?.delete(connection.id)) return;
    if (subscribers.size === 0) this.byService.delete(id);
  }

  // The gRPC subscribers of a service on this node.
  count(key: ServiceKey): number {
    return this.byService.get(serviceKeyString(key))?.size ?? 0;
  }

  private release(connection: GrpcConnection): void {
    for (const { key } of [...connection.subscriptions.values()]) this.unsubscribe(connection, key);
    const released = this.registration.releaseConnection(connection.id);
    if (released) this.logger.log(`gRPC connection ${connection.id} closed; released ${released} instance(s)`);
  }

  private pushAll(key: ServiceKey): void {
    for (const subscriber of this.byService.get(serviceKeyString(key))?.values() ?? []) {
      void this.push(key, subscriber, 1).catch((error: Error) => this.logger.error(`pushing ${serviceKeyString(key)} to gRPC connection ${subscriber.connection.id} failed: ${error.message}`, error.stack));
    }
  }

  private async push(key: ServiceKey, subscriber: Subscriber, attempt: number): Promise<void> {
    const { connection } = subscriber;
    if (!connection.subscriptions.has(serviceKeyString(key))) return;
    const serviceInfo = this.naming.serviceInfo(key, { clusters: subscriber.clusters, healthyOnly: false }, undefined, 'plain');
    const body = { namespace: subscriber.namespace, serviceName: key.serviceName, groupName: key.groupName, serviceInfo: new RawJson(serviceInfo), module: 'naming' };
    const acked = await this.grpc.push(connection, 'NotifySubscriberRequest', body);
    if (!acked && attempt < MAX_ATTEMPTS && !connection.isClosed) await this.push(key, subscriber, attempt + 1);
  }
}
