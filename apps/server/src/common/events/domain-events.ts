import { Injectable, Logger } from '@nestjs/common';

// Every domain event, by name. Each feature adds its events to this map by declaration
// merging (see namespaces/domain/namespace.events.ts). Services emit after their transaction
// committed; push (socket.io rooms, Nacos long-poll waiters) and in-memory indexes subscribe.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEventMap {}

type Handler<K extends keyof DomainEventMap> = (event: DomainEventMap[K]) => void;

@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly handlers = new Map<keyof DomainEventMap, Set<Handler<never>>>();

  on<K extends keyof DomainEventMap>(name: K, handler: Handler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as Handler<never>);
    return () => set.delete(handler as Handler<never>);
  }

  // Synchronous fan-out; one failing subscriber never stops the others or the caller.
  emit<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K]): void {
    const set = this.handlers.get(name);
    if (!set) return;
    for (const handler of set) {
      try {
        (handler as Handler<K>)(event);
      } catch (error) {
        this.logger.error(`subscriber of ${name} failed: ${(error as Error).message}`, (error as Error).stack);
      }
    }
  }
}
