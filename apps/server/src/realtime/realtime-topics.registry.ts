import { Injectable } from '@nestjs/common';
import type { RealtimeTopic, RealtimeTopicKind, TopicSnapshots } from '@switchboard/shared';
import type { Principal } from '../identity/principal';

export interface RealtimeClient {
  id: string; // socket id
  ip: string;
  identity: string; // declared clientId, else the address
  labels: readonly string[]; // declared at connect
  principal: Principal;
}

export interface TopicProvider<K extends RealtimeTopicKind> {
  // Synchronous, from memory: no delta can slip between joining the room and the snapshot.
  snapshot(topic: Extract<RealtimeTopic, { kind: K }>, client: RealtimeClient): TopicSnapshots[K];
  // The client left the topic (unsubscribe or disconnect).
  onLeave?(topic: Extract<RealtimeTopic, { kind: K }>, client: RealtimeClient): void;
}

// Features register the snapshot of each topic kind they own; the gateway stays generic.
@Injectable()
export class RealtimeTopicsRegistry {
  private readonly providers = new Map<RealtimeTopicKind, TopicProvider<RealtimeTopicKind>>();

  register<K extends RealtimeTopicKind>(kind: K, provider: TopicProvider<K>): void {
    this.providers.set(kind, provider as unknown as TopicProvider<RealtimeTopicKind>);
  }

  provider(kind: string): TopicProvider<RealtimeTopicKind> | undefined {
    return this.providers.get(kind as RealtimeTopicKind);
  }
}
