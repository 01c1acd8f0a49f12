// Nacos long polling (config LongPollingService): a POST /v1/cs/configs/listener answers at once
// when any listed md5 differs from the client's own answer (the stable config, or a canary's
// candidate when one targets the client), or when the client asked not to hang; otherwise it
// holds the request until that answer changes (answering just that config) or the hold time
// ends (an empty answer). Waiters are indexed by config, so a change touches only the requests
// that listen to it, and only those whose answer moved are woken.
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConfigKey } from '@switchboard/shared';
import { Gauge } from 'prom-client';
import { DomainEvents } from '../../common/events/domain-events';
import { PerTurn } from '../../common/events/per-turn';
import { HttpDrain } from '../../common/http/http-drain';
import { MetricsService } from '../../common/metrics/metrics.service';
import { SETTINGS } from '../../settings/settings.module';
import type { Settings } from '../../settings/settings';
import type { ConfigClient } from '../canary/domain/canary-record';
import '../canary/domain/canary.events';
import { ConfigAnswers } from '../config-answers';
import { ConfigListeners } from '../config-listeners';
import { configKeyString } from '../domain/config-keys';
import { changedResponse, type ListeningEntry } from './nacos-config.mapper';

interface Waiter {
  readonly byKey: Map<string, ListeningEntry>;
  readonly client: ConfigClient;
  readonly finish: (answer: string) => void;
}

export interface PollOptions {
  timeoutMs?: number; // the client's Long-Pulling-Timeout; absent: answer at once
  noHangup: boolean; // Long-Pulling-Timeout-No-Hangup: answer at once even when nothing changed
  clientIp: string;
  labels?: string[]; // Vipserver-Tag: matches canary tags
  onClose: (cancel: () => void) => void; // lets the transport cancel the wait when the client goes away
}

@Injectable()
export class NacosConfigListenerService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NacosConfigListenerService.name);
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly changes = new PerTurn<ConfigKey>(
    (key) => this.notify(key),
    (key, error) => this.logger.error(`answering the long polls of ${configKeyString(key)} failed: ${error.message}`, error.stack),
  );
  private readonly unsubscribers: (() => void)[] = [];
  private releasing = false; // shutting down: nothing is held any more

  constructor(
    private readonly answers: ConfigAnswers,
    private readonly listeners: ConfigListeners,
    private readonly events: DomainEvents,
    private readonly metrics: MetricsService,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly drain: HttpDrain,
  ) {}

  onModuleInit(): void {
    this.drain.onDrain(() => this.release());
    const waiting = () => this.waiting();
    new Gauge({
      name: 'switchboard_config_long_poll_waiting',
      help: 'Nacos long-poll requests held, waiting for a config change',
      registers: [this.metrics.registry],
      collect() {
        this.set(waiting());
      },
    });
    const changed = (event: { config: { key: ConfigKey } }) => this.notifySoon(event.config.key);
    this.unsubscribers.push(
      this.events.on('config.published', changed),
      this.events.on('config.deleted', changed),
      this.events.on('config.answersChanged', (event) => this.notifySoon(event.key)),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.release();
  }

  // Answers every held poll with "nothing changed" (the client polls again, elsewhere or after
  // the restart) and holds no new one.
  release(): void {
    this.releasing = true;
    for (const set of this.waiters.values()) for (const waiter of [...set]) waiter.finish('');
  }

  waiting(): number {
    const all = new Set<Waiter>();
    for (const set of this.waiters.values()) for (const waiter of set) all.add(waiter);
    return all.size;
  }

  poll(entries: ListeningEntry[], options: PollOptions): Promise<string> {
    const changed: ListeningEntry[] = [];
    const client: ConfigClient = { ip: options.clientIp, labels: options.labels };
    this.listeners.reportAll(entries, { clientId: `long-poll:${options.clientIp}`, clientIp: options.clientIp, labels: options.labels, transport: 'long-poll' });
    for (const entry of entries) if (this.answers.md5ForId(entry.id, client) !== entry.md5) changed.push(entry);
    if (changed.length || options.timeoutMs === undefined || options.noHangup || this.releasing) return Promise.resolve(changedResponse(changed));
    // As Nacos: the client's timeout less 500 ms, at least the minimum; and never above our cap.
    const { longPollMinHoldMs, longPollMaxHoldMs } = this.settings.config;
    const holdMs = Math.min(longPollMaxHoldMs, Math.max(longPollMinHoldMs, options.timeoutMs - 500));
    return new Promise((resolve) => {
      const byKey = new Map(entries.map((e) => [e.id, e]));
      let done = false;
      const waiter: Waiter = {
        byKey,
        client,
        finish: (answer) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          for (const id of byKey.keys()) {
            const set = this.waiters.get(id);
            set?.delete(waiter);
            if (set?.size === 0) this.waiters.delete(id);
          }
          resolve(answer);
        },
      };
      const timer = setTimeout(() => waiter.finish(''), holdMs);
      for (const id of byKey.keys()) {
        let set = this.waiters.get(id);
        if (!set) this.waiters.set(id, (set = new Set()));
        set.add(waiter);
      }
      options.onClose(() => waiter.finish(''));
    });
  }

  // Held polls are answered in the next turn of the event loop, once per key for all the changes
  // of a commit group, after the publishes that made them have been answered.
  private notifySoon(key: ConfigKey): void {
    const id = configKeyString(key);
    if (this.waiters.has(id)) this.changes.add(id, key);
  }

  private notify(key: ConfigKey): void {
    const id = configKeyString(key);
    const set = this.waiters.get(id);
    if (!set) return;
    const md5Of = this.answers.md5Of(key);
    // Waiters mostly wrote the entry alike: each distinct answer is encoded once.
    const answers = new Map<string, string>();
    for (const waiter of [...set]) {
      const entry = waiter.byKey.get(id)!;
      if (md5Of(waiter.client) === entry.md5) continue;
      let answer = answers.get(entry.text);
      if (answer === undefined) answers.set(entry.text, (answer = changedResponse([entry])));
      waiter.finish(answer);
    }
  }
}
