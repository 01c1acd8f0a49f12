import type { ConfigType, ConfigView } from '@switchboard/shared';

// The content editor of one config: what the user edits, the version it is based on (sent as
// expectedVersion), and what the server has meanwhile.
export interface ConfigEditorState {
  base: ConfigView | undefined; // the version being edited; undefined: a config not created yet
  draft: string;
  type: ConfigType;
  latest: ConfigView | undefined; // newer than base, published elsewhere while there are unsaved edits
  conflict: boolean; // a publish was refused because of `latest`
  deletedVersion: number | undefined; // the config was deleted elsewhere (the delete's version)
}

export type ConfigEditorAction =
  | { type: 'loaded'; config: ConfigView } // replaces everything (first load, explicit reload)
  | { type: 'edited'; content: string }
  | { type: 'typeChanged'; configType: ConfigType }
  | { type: 'remotePublished'; config: ConfigView } // live event
  | { type: 'remoteDeleted'; version: number } // live event
  | { type: 'published'; config: ConfigView } // our own publish, rollback or settings change
  | { type: 'conflicted'; latest: ConfigView } // our publish was refused; this is what is there
  | { type: 'takeLatest' } // drop the edits, continue from `latest`
  | { type: 'rebase' } // keep the edits, now based on `latest` (re-apply them on top)
  | { type: 'discard' } // drop the edits, back to base
  | { type: 'conflictDismissed' };

export function initialEditorState(config?: ConfigView, type: ConfigType = 'yaml'): ConfigEditorState {
  return {
    base: config,
    draft: config?.content ?? '',
    type: config?.type ?? type,
    latest: undefined,
    conflict: false,
    deletedVersion: undefined,
  };
}

export function isDirty(state: ConfigEditorState): boolean {
  if (!state.base) return state.draft !== '';
  return state.draft !== state.base.content || state.type !== state.base.type;
}

// The version a publish must find on the server: 0 for a config that must not exist (yet, or
// any more: publishing after a delete re-creates it).
export function expectedVersion(state: ConfigEditorState): number {
  return state.deletedVersion !== undefined ? 0 : (state.base?.version ?? 0);
}

export function configEditorReducer(state: ConfigEditorState, action: ConfigEditorAction): ConfigEditorState {
  switch (action.type) {
    case 'loaded':
      // A slow first load must not undo a newer version the live topic already delivered.
      if (state.base && sameKey(state.base, action.config) && action.config.version < state.base.version) return state;
      return initialEditorState(action.config);
    case 'edited':
      return action.content === state.draft ? state : { ...state, draft: action.content };
    case 'typeChanged':
      return action.configType === state.type ? state : { ...state, type: action.configType };
    case 'remotePublished':
      return remotePublished(state, action.config);
    case 'remoteDeleted':
      if (state.base && action.version <= state.base.version) return state;
      return { ...state, deletedVersion: action.version };
    case 'published':
      return { ...rebaseOnto(state, action.config, false), conflict: false };
    case 'conflicted':
      return { ...state, latest: action.latest, conflict: true };
    case 'takeLatest':
      return state.latest ? initialEditorState(state.latest) : { ...state, conflict: false };
    case 'rebase':
      return state.latest
        ? { ...state, base: state.latest, latest: undefined, conflict: false, deletedVersion: undefined }
        : { ...state, conflict: false };
    case 'discard':
      return { ...state, draft: state.base?.content ?? '', type: state.base?.type ?? state.type };
    case 'conflictDismissed':
      return state.conflict ? { ...state, conflict: false } : state;
  }
}

function sameKey(a: ConfigView, b: ConfigView): boolean {
  return a.namespaceId === b.namespaceId && a.group === b.group && a.dataId === b.dataId;
}

function remotePublished(state: ConfigEditorState, config: ConfigView): ConfigEditorState {
  if (state.base && config.version <= state.base.version) return state; // old, or our own echo
  // The editor already shows exactly this (our own publish arriving before its answer): adopt it.
  if (config.content === state.draft && config.type === state.type) return rebaseOnto(state, config, true);
  if (!isDirty(state)) return rebaseOnto(state, config, true);
  // Only attributes changed (schema, tags...): the edits still apply on top.
  if (state.base && config.content === state.base.content && config.type === state.base.type)
    return rebaseOnto(state, config, true);
  if (state.latest && state.latest.version >= config.version) return state;
  return { ...state, latest: config };
}

// `config` becomes the base. Unsaved edits survive only if the content did not move under them
// (or `keepEdits` says they were just checked to apply).
function rebaseOnto(state: ConfigEditorState, config: ConfigView, keepEdits: boolean): ConfigEditorState {
  const sameContent = state.base !== undefined && config.content === state.base.content && config.type === state.base.type;
  const keep = isDirty(state) && (keepEdits || sameContent);
  const latest = state.latest && state.latest.version > config.version ? state.latest : undefined;
  return {
    ...state,
    base: config,
    draft: keep ? state.draft : config.content,
    type: keep ? state.type : config.type,
    latest,
    deletedVersion: undefined,
  };
}
