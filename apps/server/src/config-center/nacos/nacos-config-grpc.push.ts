// Config change notifications to Nacos gRPC clients: when a config is published or deleted, or a
// canary's start, widening, promote or abort moves who gets what, each listening connection of
// this node whose answer is no longer the md5 it holds is sent a ConfigChangeNotifyRequest (the
// SDK then reads the config). A push not acknowledged in time is sent again while the answer
// still differs and the connection lives. Closed connections stop listening.
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { DomainEvents } from '../../common/events/domain-events';
import { PerTurn } from '../../common/events/per-turn';
import type { GrpcConnection } from '../../grpc/grpc-connection';
import { JsonFields } from '../../grpc/grpc-handlers';
import { NacosGrpcServer } from '../../grpc/nacos-grpc.server';
import '../canary/domain/canary.events';
import { ConfigAnswers } from '../config-answers';
import { ConfigListeners } from '../config-listeners';
import { configKeyString } from '../domain/config-keys';
import { grpcListenerId } from './nacos-config-grpc.handlers';

const GRPC_PREFIX = 'grpc:';
const MAX_ATTEMPTS = 3;

@Injectable()
export class NacosConfigGrpcPush implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NacosConfigGrpcPush.name);
  private readonly unsubscribers: (() => void)[] = [];
  // The changes of one turn of the event loop (a commit group) are pushed once per config.
  private readonly changes = new PerTurn<ConfigKey>(
    (key) => this.notify(key),
    (key, error) => this.logger.error(`notifying the gRPC listeners of ${configKeyString(key)} failed: ${error.message}`, error.stack),
  );

  constructor(
    private readonly events: DomainEvents,
    private readonly grpc: NacosGrpcServer,
    private readonly answers: ConfigAnswers,
    private readonly listeners: ConfigListeners,
  ) {}

  onModuleInit(): void {
    const changed = (key: ConfigKey) => this.changes.add(configKeyString(key), key);
    this.unsubscribers.push(
      this.events.on('config.published', (event) => changed(event.config.key)),
      this.events.on('config.deleted', (event) => changed(event.config.key)),
      this.events.on('config.answersChanged', (event) => changed(event.key)),
      this.grpc.onClosed((connection) => this.release(connection)),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  private release(connection: GrpcConnection): void {
    const listenerId = grpcListenerId(connection);
    for (const { key } of connection.listening.values()) this.listeners.forget(key, listenerId);
    connection.listening.clear();
  }

  private notify(key: ConfigKey): void {
    const id = configKeyString(key);
    const everyone = this.answers.sameForEveryone(key);
    const md5Of = everyone === undefined ? this.answers.md5Of(key) : undefined;
    // The notice is the same for every listener that wrote the namespace alike: serialised once.
    const notices = new Map<string, JsonFields>();
    for (const entry of this.listeners.list(key)) {
      if (entry.transport !== 'grpc') continue;
      const md5 = md5Of ? md5Of({ ip: entry.clientIp, identity: entry.identity, labels: entry.labels }) : everyone;
      if (md5 === entry.md5) continue;
      const connection = this.grpc.get(entry.clientId.slice(GRPC_PREFIX.length));
      const listened = connection?.listening.get(id);
      if (!connection || !listened) continue;
      let notice = notices.get(listened.tenant);
      if (!notice) notices.set(listened.tenant, (notice = new JsonFields([JSON.stringify({ dataId: key.dataId, group: key.group, tenant: listened.tenant, module: 'config' }).slice(1, -1)])));
      this.send(connection, key, notice, 1);
    }
  }

  // A push not acknowledged is sent again while the client's answer still differs.
  private send(connection: GrpcConnection, key: ConfigKey, notice: JsonFields, attempt: number): void {
    void this.grpc.push(connection, 'ConfigChangeNotifyRequest', notice).then((acked) => {
      if (acked || attempt >= MAX_ATTEMPTS || connection.isClosed || !connection.listening.has(configKeyString(key))) return;
      const entry = this.listeners.get(key, grpcListenerId(connection));
      if (entry && this.answers.md5For(key, { ip: entry.clientIp, identity: entry.identity, labels: entry.labels }) !== entry.md5) this.send(connection, key, notice, attempt + 1);
    });
  }
}
