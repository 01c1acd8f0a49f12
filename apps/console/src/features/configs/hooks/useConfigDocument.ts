import { useCallback, useEffect, useReducer, useState } from 'react';
import type { ConfigKey, ConfigSnapshot, ConfigView } from '@switchboard/shared';
import { ApiError, isApiError } from '../../../api/api-error';
import * as api from '../../../api/configs.api';
import type { TopicEvent } from '../../../api/realtime-client';
import { useLiveTopic } from '../../../api/useLiveTopic';
import { configEditorReducer, initialEditorState, type ConfigEditorAction, type ConfigEditorState } from './config-editor.reducer';

// The last thing the config topic said: a version (snapshot or publish) or a delete.
export interface LiveConfig {
  seq: number;
  config: ConfigView | null;
  deletedVersion?: number;
}

export const liveInit = (snapshot: ConfigSnapshot): LiveConfig => ({ seq: 0, config: snapshot.config });

export function liveApply(state: LiveConfig, event: TopicEvent<'config'>): LiveConfig {
  return event.name === 'config.published'
    ? { seq: state.seq + 1, config: event.payload.config }
    : { seq: state.seq + 1, config: null, deletedVersion: event.payload.version };
}

// What the editor does with it. A version carrying `canary` is the canary candidate this
// browser was answered with, not the stable config: the stable one is fetched instead.
export function liveAction(live: LiveConfig): ConfigEditorAction | 'fetch' | undefined {
  if (live.deletedVersion !== undefined) return { type: 'remoteDeleted', version: live.deletedVersion };
  if (!live.config) return undefined;
  return live.config.canary ? 'fetch' : { type: 'remotePublished', config: live.config };
}

export interface ConfigDocument {
  state: ConfigEditorState;
  dispatch: (action: ConfigEditorAction) => void;
  status: 'loading' | 'ready' | 'error';
  error?: ApiError;
  reload: () => void;
}

// One config loaded over HTTP and kept current by its live topic (`config.published` and
// `config.deleted`), folded into the editor state.
export function useConfigDocument(key: ConfigKey): ConfigDocument {
  const { namespaceId, group, dataId } = key;
  const [state, dispatch] = useReducer(configEditorReducer, undefined, () => initialEditorState());
  const [load, setLoad] = useState<{ status: ConfigDocument['status']; error?: ApiError }>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    api.getConfig({ namespaceId, group, dataId }, controller.signal).then(
      (config) => {
        if (controller.signal.aborted) return;
        dispatch({ type: 'loaded', config });
        setLoad({ status: 'ready' });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad({ status: 'error', error: isApiError(error) ? error : new ApiError('INTERNAL_ERROR', 0, String(error)) });
      },
    );
    return () => controller.abort();
  }, [namespaceId, group, dataId, generation]);

  const live = useLiveTopic({ kind: 'config', namespaceId, group, dataId }, liveInit, liveApply);

  useEffect(() => {
    if (!live.state) return;
    const action = liveAction(live.state);
    if (action === undefined) return;
    if (action !== 'fetch') {
      dispatch(action);
      return;
    }
    const controller = new AbortController();
    api.getConfig({ namespaceId, group, dataId }, controller.signal).then(
      (config) => dispatch({ type: 'remotePublished', config }),
      () => undefined, // the next event or a reload brings it
    );
    return () => controller.abort();
  }, [live.state]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, dispatch, status: load.status, error: load.error, reload };
}
