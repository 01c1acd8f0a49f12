import type { ApiErrorBody } from '../common/api-error';
import type { NamespaceView } from '../namespaces/namespace.types';
import type { RealtimeTopic, TopicSnapshots } from './realtime-topics';

export const REALTIME_PATH = '/socket.io';

export interface NamespaceChangedEvent {
  change: 'created' | 'updated' | 'deleted';
  namespace: NamespaceView;
  at: string; // ISO 8601 time of the commit
}

export type SubscribeAck<K extends keyof TopicSnapshots = keyof TopicSnapshots> =
  | { ok: true; topic: RealtimeTopic; snapshot: TopicSnapshots[K] }
  | { ok: false; error: ApiErrorBody };

export type UnsubscribeAck = { ok: true } | { ok: false; error: ApiErrorBody };

// Event names follow `domain.entity.pastTenseVerb`.
export interface ServerToClientEvents {
  'namespace.changed': (event: NamespaceChangedEvent) => void;
}

export interface ClientToServerEvents {
  subscribe: (topic: RealtimeTopic, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (topic: RealtimeTopic, ack: (result: UnsubscribeAck) => void) => void;
}

export const REALTIME_EVENTS = {
  namespaceChanged: 'namespace.changed',
} as const satisfies Record<string, keyof ServerToClientEvents>;
