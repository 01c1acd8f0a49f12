import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConfigKey, RealtimeTopic } from '@switchboard/shared';
import { DomainEvents } from '../../common/events/domain-events';
import { RealtimeGateway } from '../../realtime/realtime.gateway';
import { RealtimeTopicsRegistry, type RealtimeClient } from '../../realtime/realtime-topics.registry';
import { CanaryIndex } from '../canary/canary-index';
import type { ConfigClient } from '../canary/domain/canary-record';
import '../canary/domain/canary.events';
import { presentAnswer } from '../canary/http/canary.presenter';
import { ConfigAnswers } from '../config-answers';
import { ConfigListeners } from '../config-listeners';
import { presentConfig } from '../http/config.presenter';

const socketClientId = (socketId: string) => `socket:${socketId}`;
const configClient = (client: RealtimeClient): ConfigClient => ({ ip: client.ip, identity: client.identity, labels: client.labels });

// The `config` topic: snapshot (this client's answer: content and md5), then
// `config.published` / `config.deleted`. Without a canary every subscriber gets the same event
// (one broadcast); with one, each gets its own answer, and a change of who is targeted pushes
// exactly the subscribers whose answer moved. Socket subscribers are listeners in "who has
// what", holding the md5 they were sent.
@Injectable()
export class ConfigPushListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly events: DomainEvents,
    private readonly gateway: RealtimeGateway,
    private readonly topics: RealtimeTopicsRegistry,
    private readonly answers: ConfigAnswers,
    private readonly canaries: CanaryIndex,
    private readonly listeners: ConfigListeners,
  ) {}

  onModuleInit(): void {
    this.topics.register('config', {
      snapshot: (topic, client) => {
        const key = { namespaceId: topic.namespaceId, group: topic.group, dataId: topic.dataId };
        const answer = this.answers.answer(key, configClient(client));
        this.listeners.report(key, { clientId: socketClientId(client.id), clientIp: client.ip, identity: client.identity, labels: client.labels, transport: 'socket', md5: answer?.record.md5 ?? '' });
        return { config: answer ? presentAnswer(answer) : null };
      },
      onLeave: (topic, client) => this.listeners.forget({ namespaceId: topic.namespaceId, group: topic.group, dataId: topic.dataId }, socketClientId(client.id)),
    });
    this.unsubscribers.push(
      this.events.on('config.published', (event) => {
        const key = event.config.key;
        const topic: RealtimeTopic = { kind: 'config', ...key };
        if (!this.gateway.hasSubscribers(topic)) return;
        const at = event.at.toISOString();
        if (!this.canaries.get(key)) {
          this.gateway.emitToTopic(topic, 'config.published', { key: { ...key }, config: presentConfig(event.config), at });
          this.markSocketsAt(key, event.config.md5);
          return;
        }
        this.pushEach(key, at, () => true);
      }),
      this.events.on('config.answersChanged', (event) => {
        const key = event.key;
        if (this.gateway.hasSubscribers({ kind: 'config', ...key })) this.pushEach(key, event.at.toISOString(), (held, md5) => held !== md5);
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

  // Each subscriber gets its own answer when `needs(heldMd5, answerMd5)` says so.
  private pushEach(key: ConfigKey, at: string, needs: (held: string | undefined, md5: string) => boolean): void {
    this.gateway.forEachSubscriber({ kind: 'config', ...key }, (client, socket) => {
      const answer = this.answers.answer(key, configClient(client));
      if (!answer) return;
      const clientId = socketClientId(client.id);
      if (!needs(this.listeners.get(key, clientId)?.md5, answer.record.md5)) return;
      socket.emit('config.published', { key: { ...key }, config: presentAnswer(answer), at });
      this.listeners.touch(key, clientId, answer.record.md5);
    });
  }

  private markSocketsAt(key: ConfigKey, md5: string): void {
    for (const entry of this.listeners.list(key)) if (entry.transport === 'socket') this.listeners.touch(key, entry.clientId, md5);
  }
}
