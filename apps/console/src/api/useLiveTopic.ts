import { topicRoom, type RealtimeTopic, type RealtimeTopicKind, type TopicSnapshots } from '@switchboard/shared';
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from './api-error';
import { realtime, type TopicEvent } from './realtime-client';

export interface LiveTopic<S> {
  state: S | undefined; // undefined until the first snapshot
  status: 'loading' | 'live' | 'error';
  error?: ApiError;
}

// A view kept current by a socket.io topic: `init` turns the snapshot into state, `apply` folds
// each event into it. A new snapshot (after a reconnect) replaces the state. `topic` null: idle.
export function useLiveTopic<K extends RealtimeTopicKind, S>(
  topic: Extract<RealtimeTopic, { kind: K }> | null,
  init: (snapshot: TopicSnapshots[K]) => S,
  apply: (state: S, event: TopicEvent<K>) => S,
): LiveTopic<S> {
  const [live, setLive] = useState<LiveTopic<S>>({ state: undefined, status: 'loading' });
  const handlers = useRef({ init, apply });
  handlers.current = { init, apply };
  const room = topic ? topicRoom(topic) : null;

  useEffect(() => {
    if (!topic) return;
    setLive({ state: undefined, status: 'loading' });
    return realtime.subscribe(topic, {
      onSnapshot: (snapshot) => setLive({ state: handlers.current.init(snapshot), status: 'live' }),
      onEvent: (event) =>
        setLive((current) => (current.state === undefined ? current : { ...current, state: handlers.current.apply(current.state, event) })),
      onError: (error) => setLive((current) => ({ ...current, status: 'error', error })),
    });
    // The room names the topic: a new object for the same topic must not resubscribe.
  }, [room]);

  return live;
}
