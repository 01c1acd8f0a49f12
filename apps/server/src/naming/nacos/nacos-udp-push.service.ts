// UDP push for Nacos 1.x-style clients (naming/push/UdpPushService): a client that queries
// /instance/list with udpPort gets `{type:"dom", data:"<ServiceInfo JSON>", lastRefTime}`
// datagrams (gzip when large) whenever the service's instances change, resent until it answers
// `{type:"push-ack", lastRefTime}` or the retries run out. Clients that stop polling are
// forgotten after NAMING_UDP_SUBSCRIBER_TTL_MS. Pushes go to the address the query came from,
// never to a self-reported IP, so the server cannot be aimed at a third host.
import { createSocket, type Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServiceKey } from '@switchboard/shared';
import { Clock } from '../../common/clock';
import { DomainEvents } from '../../common/events/domain-events';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import { serviceKeyString } from '../domain/naming-keys';
import { InstanceQueryService } from '../instance-query.service';
import { commaList } from '../http/naming-params';
import { toNacosServiceInfo } from './nacos-naming.mapper';

export interface UdpSubscription {
  address: string;
  port: number;
  clusters: string;
  healthyOnly: boolean;
}

interface Subscriber extends UdpSubscription {
  key: ServiceKey;
  expiresAtMs: number;
}

interface PendingPush {
  subscriber: Subscriber;
  packet: Buffer;
  attemptsLeft: number;
  timer: NodeJS.Timeout;
}

const GZIP_ABOVE_BYTES = 1024;

@Injectable()
export class NacosUdpPushService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NacosUdpPushService.name);
  private readonly subscribers = new Map<string, Map<string, Subscriber>>();
  private readonly pending = new Map<number, PendingPush>();
  private readonly dirty = new Set<string>();
  private socket4?: Socket;
  private socket6?: Socket;
  private flushScheduled = false;
  private sequence = 0;
  private unsubscribe?: () => void;
  pushesSent = 0;
  acksReceived = 0;

  constructor(
    private readonly query: InstanceQueryService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    if (!this.settings.naming.udpPush) return;
    this.socket4 = this.openSocket('udp4');
    this.socket6 = this.openSocket('udp6');
    // Changes in one turn of the event loop are pushed once per subscriber.
    this.unsubscribe = this.events.on('naming.instanceChanged', (event) => {
      const id = serviceKeyString(event.service.key);
      if (!this.subscribers.has(id)) return;
      this.dirty.add(id);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    for (const push of this.pending.values()) clearTimeout(push.timer);
    this.pending.clear();
    this.socket4?.close();
    this.socket6?.close();
  }

  subscribe(key: ServiceKey, subscription: UdpSubscription): void {
    if (!this.settings.naming.udpPush) return;
    const address = subscription.address.startsWith('::ffff:') ? subscription.address.slice(7) : subscription.address;
    const id = serviceKeyString(key);
    let forService = this.subscribers.get(id);
    if (!forService) this.subscribers.set(id, (forService = new Map()));
    const subscriberId = `${address}|${subscription.port}|${subscription.clusters}`;
    const expiresAtMs = this.clock.now().getTime() + this.settings.naming.udpSubscriberTtlMs;
    // A client subscribes again with every list query it makes: only its time moves.
    const known = forService.get(subscriberId);
    if (known && known.healthyOnly === subscription.healthyOnly) {
      known.expiresAtMs = expiresAtMs;
      return;
    }
    forService.set(subscriberId, { ...subscription, address, key, expiresAtMs });
  }

  subscriberCount(): number {
    let count = 0;
    for (const forService of this.subscribers.values()) count += forService.size;
    return count;
  }

  private openSocket(type: 'udp4' | 'udp6'): Socket | undefined {
    const socket = createSocket(type);
    socket.on('message', (message) => this.onAck(message));
    socket.on('error', (error) => this.logger.warn(`${type} push socket: ${error.message}`));
    socket.bind(0);
    socket.unref();
    return socket;
  }

  private flush(): void {
    this.flushScheduled = false;
    const nowMs = this.clock.now().getTime();
    for (const id of this.dirty) {
      const forService = this.subscribers.get(id);
      if (!forService) continue;
      for (const [subscriberId, subscriber] of forService) {
        if (subscriber.expiresAtMs < nowMs) {
          forService.delete(subscriberId);
          continue;
        }
        this.push(subscriber, nowMs);
      }
      if (forService.size === 0) this.subscribers.delete(id);
    }
    this.dirty.clear();
  }

  private push(subscriber: Subscriber, nowMs: number): void {
    const discovery = this.query.listOrEmpty(subscriber.key, { healthyOnly: subscriber.healthyOnly, clusters: commaList(subscriber.clusters), tags: [] });
    const info = toNacosServiceInfo(subscriber.key, discovery, subscriber.clusters, this.settings.naming.pushCacheMillis, nowMs);
    const lastRefTime = nowMs * 1000 + (this.sequence++ % 1000);
    const json = Buffer.from(JSON.stringify({ type: 'dom', data: JSON.stringify(info), lastRefTime }));
    const packet = json.length > GZIP_ABOVE_BYTES ? gzipSync(json) : json;
    const push: PendingPush = { subscriber, packet, attemptsLeft: this.settings.naming.udpMaxRetries, timer: setTimeout(() => this.retry(lastRefTime), this.settings.naming.udpAckTimeoutMs) };
    push.timer.unref();
    this.pending.set(lastRefTime, push);
    this.send(push);
  }

  private retry(lastRefTime: number): void {
    const push = this.pending.get(lastRefTime);
    if (!push) return;
    if (push.attemptsLeft <= 0) {
      this.pending.delete(lastRefTime);
      this.logger.debug(`udp push to ${push.subscriber.address}:${push.subscriber.port} not acknowledged`);
      return;
    }
    push.attemptsLeft -= 1;
    push.timer = setTimeout(() => this.retry(lastRefTime), this.settings.naming.udpAckTimeoutMs);
    push.timer.unref();
    this.send(push);
  }

  private send(push: PendingPush): void {
    const socket = isIPv4(push.subscriber.address) ? this.socket4 : this.socket6;
    this.pushesSent += 1;
    const failed = (error: Error) => this.logger.debug(`udp push to ${push.subscriber.address}:${push.subscriber.port} failed: ${error.message}`);
    try {
      socket?.send(push.packet, push.subscriber.port, push.subscriber.address, (error) => error && failed(error));
    } catch (error) {
      // A destination the socket refuses outright (runs from a timer: a throw would end the process).
      failed(error as Error);
    }
  }

  private onAck(message: Buffer): void {
    try {
      const ack = JSON.parse(message.toString()) as { type?: string; lastRefTime?: number };
      if (typeof ack.lastRefTime !== 'number') return;
      const push = this.pending.get(ack.lastRefTime);
      if (!push) return;
      clearTimeout(push.timer);
      this.pending.delete(ack.lastRefTime);
      this.acksReceived += 1;
    } catch {
      // not an ack: ignore
    }
  }
}
