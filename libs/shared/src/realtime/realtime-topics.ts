import type { NamespaceView } from '../namespaces/namespace.types';

// A topic a socket.io client can subscribe to. Later capabilities add kinds.
export type RealtimeTopic = { kind: 'namespaces' };
export type RealtimeTopicKind = RealtimeTopic['kind'];

// What the subscribe acknowledgement carries for each topic kind.
export interface TopicSnapshots {
  namespaces: NamespaceView[];
}

export const REALTIME_TOPIC_KINDS: readonly RealtimeTopicKind[] = ['namespaces'];

// The socket.io room name of a topic.
export function topicRoom(topic: RealtimeTopic): string {
  switch (topic.kind) {
    case 'namespaces':
      return 'namespaces';
  }
}
