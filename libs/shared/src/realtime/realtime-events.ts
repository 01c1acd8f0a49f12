import type { ApiErrorBody } from '../common/api-error';
import type { OverviewChangedEvent } from '../overview/overview.types';
import type { CanaryRolloutView } from '../config-center/canary.types';
import type { ConfigKey, ConfigView } from '../config-center/config.types';
import type { ChangeRequestChangedEvent } from '../governance/change-request.types';
import type { NamespaceView } from '../namespaces/namespace.types';
import type { InstanceKey, InstanceView, RegisterInstanceRequest, ServiceKey, ServiceSummaryView } from '../naming/naming.types';
import type { RealtimeTopic, RealtimeTopicKind, TopicSnapshots } from './realtime-topics';

export const REALTIME_PATH = '/socket.io';

// What a client sends in the socket.io handshake (`auth`). The identity and labels decide its
// canary answers: clientId (default: its address) picks its weighted bucket, labels match tags.
export interface RealtimeHandshakeAuth {
  token?: string;
  clientId?: string; // 1–128 characters
  labels?: string[]; // at most 16
}

export interface NamespaceChangedEvent {
  change: 'created' | 'updated' | 'deleted';
  namespace: NamespaceView;
  at: string; // ISO 8601 time of the commit
}

export interface InstancesChangedEvent {
  service: ServiceKey;
  change: 'registered' | 'deregistered' | 'updated' | 'healthChanged' | 'expired';
  instance: InstanceView; // state after the change (the last state for removals)
  revision: number; // the service's instance revision after this change
  at: string; // ISO 8601
}

export interface ServiceChangedEvent {
  change: 'created' | 'updated' | 'deleted';
  service: ServiceSummaryView;
  at: string; // ISO 8601
}

export interface ConfigPublishedEvent {
  key: ConfigKey;
  config: ConfigView; // with content and md5
  at: string; // ISO 8601
}

export interface ConfigDeletedEvent {
  key: ConfigKey;
  version: number; // the version that records the delete
  at: string; // ISO 8601
}

// The rollout of a canary changed: the canary itself, or what a listening client holds.
export interface CanaryRolloutEvent {
  key: ConfigKey;
  rollout: CanaryRolloutView;
  at: string; // ISO 8601
}

export type SubscribeAck<K extends keyof TopicSnapshots = keyof TopicSnapshots> =
  | { ok: true; topic: RealtimeTopic; snapshot: TopicSnapshots[K] }
  | { ok: false; error: ApiErrorBody };

export type UnsubscribeAck = { ok: true } | { ok: false; error: ApiErrorBody };

// Instances registered over a socket are ephemeral and live as long as that connection: no
// heartbeats; they are removed when the socket disconnects.
export interface SocketRegisterRequest {
  service: ServiceKey;
  instance: RegisterInstanceRequest;
}
export type SocketRegisterAck = { ok: true; instance: InstanceView } | { ok: false; error: ApiErrorBody };
export interface SocketDeregisterRequest {
  service: ServiceKey;
  instance: InstanceKey;
}
export type SocketDeregisterAck = { ok: true } | { ok: false; error: ApiErrorBody };

// Event names follow `domain.entity.pastTenseVerb`.
export interface ServerToClientEvents {
  'namespace.changed': (event: NamespaceChangedEvent) => void;
  'service.instancesChanged': (event: InstancesChangedEvent) => void;
  'service.changed': (event: ServiceChangedEvent) => void;
  'config.published': (event: ConfigPublishedEvent) => void;
  'config.deleted': (event: ConfigDeletedEvent) => void;
  'canary.rollout': (event: CanaryRolloutEvent) => void;
  'overview.changed': (event: OverviewChangedEvent) => void;
  'change-request.changed': (event: ChangeRequestChangedEvent) => void;
}

export interface ClientToServerEvents {
  subscribe: (topic: RealtimeTopic, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (topic: RealtimeTopic, ack: (result: UnsubscribeAck) => void) => void;
  'instance.register': (request: SocketRegisterRequest, ack: (result: SocketRegisterAck) => void) => void;
  'instance.deregister': (request: SocketDeregisterRequest, ack: (result: SocketDeregisterAck) => void) => void;
}

export const REALTIME_EVENTS = {
  namespaceChanged: 'namespace.changed',
  instancesChanged: 'service.instancesChanged',
  serviceChanged: 'service.changed',
  configPublished: 'config.published',
  configDeleted: 'config.deleted',
  canaryRollout: 'canary.rollout',
  overviewChanged: 'overview.changed',
  changeRequestChanged: 'change-request.changed',
} as const satisfies Record<string, keyof ServerToClientEvents>;

// Which server events belong to which topic kind.
export const TOPIC_EVENTS = {
  namespaces: ['namespace.changed'],
  services: ['service.changed'],
  service: ['service.instancesChanged'],
  config: ['config.published', 'config.deleted'],
  canary: ['canary.rollout'],
  overview: ['overview.changed'],
  'change-requests': ['change-request.changed'],
} as const satisfies Record<RealtimeTopicKind, readonly (keyof ServerToClientEvents)[]>;

// One event of a topic kind, as a subscriber receives it: its name and its payload.
type TopicEventName<K extends RealtimeTopicKind> = (typeof TOPIC_EVENTS)[K][number];
export type TopicEvent<K extends RealtimeTopicKind> = {
  [N in TopicEventName<K>]: { name: N; payload: Parameters<ServerToClientEvents[N]>[0] };
}[TopicEventName<K>];

// The topic an event was sent to, derived from its payload; clients use it to route events to
// the right subscription when several topics of one kind are open.
export function eventTopic<E extends keyof ServerToClientEvents>(name: E, payload: Parameters<ServerToClientEvents[E]>[0]): RealtimeTopic {
  switch (name) {
    case 'namespace.changed':
      return { kind: 'namespaces' };
    case 'service.changed':
      return { kind: 'services', namespaceId: (payload as ServiceChangedEvent).service.namespaceId };
    case 'config.published':
    case 'config.deleted':
      return { kind: 'config', ...(payload as ConfigPublishedEvent | ConfigDeletedEvent).key };
    case 'overview.changed':
      return { kind: 'overview' };
    case 'canary.rollout':
      return { kind: 'canary', ...(payload as CanaryRolloutEvent).key };
    case 'change-request.changed':
      return { kind: 'change-requests', namespaceId: (payload as ChangeRequestChangedEvent).request.namespaceId };
    default: {
      const { namespaceId, groupName, serviceName } = (payload as InstancesChangedEvent).service;
      return { kind: 'service', namespaceId, groupName, serviceName };
    }
  }
}
