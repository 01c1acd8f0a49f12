import { CONFIG_CENTER_ENDPOINTS, type ConfigKey, type ConfigType, type ConfigView } from '@switchboard/shared';
import { parseJson, parseProperties, parseToml, parseYaml } from './config-parse.js';
import { SwitchboardError } from './errors.js';
import type { Transport } from './http.js';
import type { RealtimeConnection } from './realtime.js';
import type { SnapshotStore } from './snapshots.js';

// A config as this client gets it: the stable content, or the candidate of a canary that
// targets this client (then `canary` is set).
export interface ConfigEntry extends ConfigKey {
  content: string;
  md5: string;
  type: ConfigType;
  version: number;
  canary?: { id: string; revision: number };
  fromSnapshot?: boolean; // true: the server was unreachable; this is the last content saved locally
}

export type ConfigListener = (entry: ConfigEntry | null) => void; // null: the config was deleted (or does not exist)

export interface WatchOptions {
  onError?: (error: SwitchboardError) => void; // subscription refused, listener threw, snapshot not written
}

export interface ConfigWatch {
  readonly current: ConfigEntry | null | undefined; // undefined until the first answer
  readonly ready: Promise<ConfigEntry | null>; // the first answer; rejects when the subscription is refused
  close(): void;
}

export interface ConfigApi {
  get(group: string, dataId: string): Promise<ConfigEntry | null>;
  getJson<T = unknown>(group: string, dataId: string): Promise<T | null>;
  getYaml<T = unknown>(group: string, dataId: string): Promise<T | null>;
  getProperties(group: string, dataId: string): Promise<Record<string, string> | null>;
  getToml<T = Record<string, unknown>>(group: string, dataId: string): Promise<T | null>;
  // Calls onChange with the current entry, then with every change; after a reconnect (a server
  // restart too) the new snapshot is compared with the last entry delivered, so none is missed.
  watch(group: string, dataId: string, onChange: ConfigListener, options?: WatchOptions): ConfigWatch;
}

export interface ConfigDeps {
  transport: Transport;
  realtime: () => RealtimeConnection;
  namespace: string;
  clientId?: string;
  labels: string[];
  snapshots?: SnapshotStore;
}

export function entryOf(view: Pick<ConfigView, 'namespaceId' | 'group' | 'dataId' | 'content' | 'md5' | 'type' | 'version'> & { canary?: ConfigView['canary'] }): ConfigEntry {
  const { namespaceId, group, dataId, content, md5, type, version, canary } = view;
  return { namespaceId, group, dataId, content, md5, type, version, ...(canary ? { canary: { id: canary.id, revision: canary.revision } } : {}) };
}

export function createConfigApi(deps: ConfigDeps): ConfigApi {
  const keyOf = (group: string, dataId: string): ConfigKey => ({ namespaceId: deps.namespace, group, dataId });

  // The snapshot follows what the server answered; a failed write never fails the read.
  const remember = async (key: ConfigKey, entry: ConfigEntry | null): Promise<void> => {
    if (!deps.snapshots) return;
    if (entry) await deps.snapshots.save({ ...key, content: entry.content, md5: entry.md5, type: entry.type, version: entry.version });
    else await deps.snapshots.remove(key);
  };

  // Over HTTP the server answers "as this client" by its address and labels, which is also the
  // socket's identity unless a clientId is declared: then the socket, which carries it, answers.
  const read = async (key: ConfigKey): Promise<ConfigEntry | null> => {
    if (deps.clientId !== undefined) return readOverSocket(deps.realtime(), key);
    try {
      const view = await deps.transport.call(CONFIG_CENTER_ENDPOINTS.getConfig, { params: key, query: { asClient: 'self', ...(deps.labels.length ? { labels: deps.labels.join(',') } : {}) } });
      return entryOf(view);
    } catch (error) {
      if (error instanceof SwitchboardError && error.code === 'CONFIG_NOT_FOUND') return null;
      throw error;
    }
  };

  const get = async (group: string, dataId: string): Promise<ConfigEntry | null> => {
    const key = keyOf(group, dataId);
    let entry: ConfigEntry | null;
    try {
      entry = await read(key);
    } catch (error) {
      const snapshot = error instanceof SwitchboardError && error.retryable ? await deps.snapshots?.load(key) : undefined;
      if (!snapshot) throw error;
      return { ...entryOf({ ...snapshot, ...key }), fromSnapshot: true };
    }
    await remember(key, entry).catch(() => undefined);
    return entry;
  };

  const parsed =
    <T>(parse: (text: string, source: string) => T) =>
    async (group: string, dataId: string): Promise<T | null> => {
      const entry = await get(group, dataId);
      return entry ? parse(entry.content, `${group}/${dataId}`) : null;
    };

  return {
    get,
    getJson: <T>(group: string, dataId: string) => parsed((text, source) => parseJson<T>(text, source))(group, dataId),
    getYaml: <T>(group: string, dataId: string) => parsed((text, source) => parseYaml<T>(text, source))(group, dataId),
    getProperties: parsed(parseProperties),
    getToml: <T>(group: string, dataId: string) => parsed((text, source) => parseToml<T>(text, source))(group, dataId),
    watch: (group, dataId, onChange, options = {}) => watchConfig(deps.realtime(), keyOf(group, dataId), onChange, options, remember),
  };
}

function readOverSocket(realtime: RealtimeConnection, key: ConfigKey): Promise<ConfigEntry | null> {
  return realtime.whenConnected().then(
    () =>
      new Promise((resolve, reject) => {
        // The answer may come before subscribe() returns (a refused connection): leave afterwards.
        const state: { done: boolean; unsubscribe?: () => void } = { done: false };
        const settle = (finish: () => void) => {
          if (state.done) return;
          state.done = true;
          state.unsubscribe?.();
          finish();
        };
        state.unsubscribe = realtime.subscribe(
          { kind: 'config', ...key },
          {
            onSnapshot: ({ config }) => settle(() => resolve(config ? entryOf(config) : null)),
            onEvent: () => undefined,
            onError: (error) => settle(() => reject(error)),
          },
        );
        if (state.done) state.unsubscribe();
      }),
  );
}

function watchConfig(realtime: RealtimeConnection, key: ConfigKey, onChange: ConfigListener, options: WatchOptions, remember: (key: ConfigKey, entry: ConfigEntry | null) => Promise<void>): ConfigWatch {
  let current: ConfigEntry | null | undefined;
  let lastVersion = 0; // events older than what was delivered are stale (they raced a snapshot)
  let closed = false;
  let resolveReady!: (entry: ConfigEntry | null) => void;
  let rejectReady!: (error: SwitchboardError) => void;
  const ready = new Promise<ConfigEntry | null>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => undefined); // a caller that never awaits it hears of errors through onError

  const report = (error: unknown) => {
    const failure = error instanceof SwitchboardError ? error : new SwitchboardError({ code: 'BAD_RESPONSE', status: 0, message: (error as Error)?.message ?? String(error), cause: error });
    options.onError?.(failure);
  };
  const deliver = (entry: ConfigEntry | null) => {
    current = entry;
    remember(key, entry).catch(report);
    try {
      onChange(entry);
    } catch (error) {
      report(error);
    }
  };

  const unsubscribe = realtime.subscribe(
    { kind: 'config', ...key },
    {
      onSnapshot: ({ config }) => {
        if (closed) return;
        const entry = config ? entryOf(config) : null;
        const first = current === undefined;
        if (entry) lastVersion = entry.version;
        // The answer after a reconnect is compared with what was delivered: a change made while
        // disconnected is delivered once, an unchanged config not again.
        if (first || (entry?.md5 ?? '') !== (current?.md5 ?? '')) deliver(entry);
        if (first) resolveReady(entry);
      },
      onEvent: (event) => {
        if (closed || current === undefined) return;
        if (event.name === 'config.published') {
          const { config } = event.payload;
          if (config.version < lastVersion) return;
          lastVersion = config.version;
          if (config.md5 !== current?.md5) deliver(entryOf(config));
        } else {
          if (event.payload.version < lastVersion) return;
          lastVersion = event.payload.version;
          if (current !== null) deliver(null);
        }
      },
      onError: (error) => {
        if (current === undefined && !error.retryable) rejectReady(error);
        report(error);
      },
    },
  );

  return {
    get current() {
      return current;
    },
    ready,
    close: () => {
      closed = true;
      unsubscribe();
    },
  };
}
