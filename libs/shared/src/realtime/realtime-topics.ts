import type { NamespaceView } from '../namespaces/namespace.types';
import type { OverviewView } from '../overview/overview.types';
import type { CanaryRolloutView } from '../config-center/canary.types';
import type { ConfigKey, ConfigView } from '../config-center/config.types';
import type { ChangeRequestSummaryView } from '../governance/change-request.types';
import type { InstanceListView, ServiceKey, ServiceSummaryView } from '../naming/naming.types';

// A topic a socket.io client can subscribe to. Later capabilities add kinds.
export type RealtimeTopic =
  | { kind: 'namespaces' }
  | { kind: 'services'; namespaceId: string } // summaries of every service of a namespace
  | ({ kind: 'service' } & ServiceKey) // the instances of one service
  | ({ kind: 'config' } & ConfigKey) // one config: content and md5 (this client's answer, canary included)
  | { kind: 'overview' } // counts of the readable namespaces and recent changes
  | ({ kind: 'canary' } & ConfigKey) // the rollout of a config's canary: who holds stable, who the candidate
  | { kind: 'change-requests'; namespaceId: string }; // the change requests of a namespace: open ones, then the latest closed
export type RealtimeTopicKind = RealtimeTopic['kind'];

// What the subscribe acknowledgement carries for each topic kind.
export interface TopicSnapshots {
  namespaces: NamespaceView[];
  services: ServiceSummaryView[];
  service: InstanceListView;
  config: ConfigSnapshot;
  canary: CanaryRolloutView;
  overview: OverviewView;
  'change-requests': ChangeRequestSummaryView[];
}

export interface ConfigSnapshot {
  config: ConfigView | null; // null while the config does not exist
}

// Bounds of one socket.io connection.
export const REALTIME_RULES = {
  maxTopicsPerConnection: 1000,
} as const;

export const REALTIME_TOPIC_KINDS: readonly RealtimeTopicKind[] = ['namespaces', 'services', 'service', 'config', 'canary', 'overview', 'change-requests'];

// The socket.io room name of a topic. Parts are URI-encoded so no name can forge another room.
export function topicRoom(topic: RealtimeTopic): string {
  switch (topic.kind) {
    case 'namespaces':
    case 'overview':
      return topic.kind;
    case 'services':
      return `services:${encodeURIComponent(topic.namespaceId)}`;
    case 'change-requests':
      return `change-requests:${encodeURIComponent(topic.namespaceId)}`;
    case 'service':
      return `service:${[topic.namespaceId, topic.groupName, topic.serviceName].map(encodeURIComponent).join('/')}`;
    case 'config':
    case 'canary':
      return `${topic.kind}:${[topic.namespaceId, topic.group, topic.dataId].map(encodeURIComponent).join('/')}`;
  }
}
