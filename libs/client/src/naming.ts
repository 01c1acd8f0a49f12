import {
  DEFAULT_CLUSTER,
  DEFAULT_GROUP,
  NAMING_ENDPOINTS,
  topicRoom,
  type InstanceListView,
  type InstanceView,
  type RegisterInstanceRequest,
  type ServiceKey,
  type SocketRegisterRequest,
} from '@switchboard/shared';
import { errorFromAck, SwitchboardError } from './errors.js';
import type { Transport } from './http.js';
import { pickInstance, selectInstances } from './instance-pick.js';
import type { RealtimeConnection } from './realtime.js';

// A service by name (in the client's namespace and DEFAULT_GROUP) or by its parts.
export type ServiceRef = string | { serviceName: string; groupName?: string; namespaceId?: string };

export interface DiscoverOptions {
  healthyOnly?: boolean; // default true (the protect threshold may still return unhealthy ones)
  cluster?: string | string[];
  tags?: string[]; // an instance must carry every tag
}

export interface PickOptions {
  cluster?: string | string[];
  tags?: string[];
  random?: () => number; // [0, 1), Math.random by default
}

// A service's instances kept current over the socket: a snapshot, then one change at a time
// in revision order (a gap in revisions fetches a new snapshot).
export interface LiveInstances {
  readonly service: ServiceKey;
  readonly ready: Promise<void>; // the first snapshot arrived
  readonly revision: number;
  instances(): InstanceView[]; // the instances matching the options, as discovery answers them
  onChange(listener: (instances: InstanceView[]) => void): () => void;
  close(): void;
}

export interface NamingApi {
  // Registered over the client's socket: alive as long as this process's connection, registered
  // again after a reconnect, removed by the server when the process dies. No heartbeats.
  register(service: ServiceRef, instance: RegisterInstanceRequest): Promise<InstanceView>;
  deregister(service: ServiceRef, instance: { ip: string; port: number; clusterName?: string }): Promise<void>;
  discover(service: ServiceRef, options?: DiscoverOptions): LiveInstances;
  // A weighted random healthy instance (any enabled one when the protect threshold is reached);
  // undefined when there is none. The service is watched from the first pick on.
  pick(service: ServiceRef, options?: PickOptions): Promise<InstanceView | undefined>;
}

export interface NamingDeps {
  transport: Transport;
  realtime: () => RealtimeConnection;
  namespace: string;
  timeoutMs: number;
  onError: (error: SwitchboardError) => void;
}

// A service's protect threshold changes without any change of its instances, so no instance
// event tells of it: picks read it again in the background once it is this old.
const THRESHOLD_MAX_AGE_MS = 30_000;

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function createNamingApi(deps: NamingDeps): NamingApi & { close(): void } {
  const keyOf = (ref: ServiceRef): ServiceKey =>
    typeof ref === 'string'
      ? { namespaceId: deps.namespace, groupName: DEFAULT_GROUP, serviceName: ref }
      : { namespaceId: ref.namespaceId ?? deps.namespace, groupName: ref.groupName ?? DEFAULT_GROUP, serviceName: ref.serviceName };
  const registrations = new Map<string, SocketRegisterRequest>();
  const watched = new Map<string, ServiceState>(); // by topic room, shared by discover() and pick()
  const picked = new Set<ServiceState>(); // kept open for later picks
  let reRegistering = false;

  const state = (key: ServiceKey): ServiceState => {
    const room = topicRoom({ kind: 'service', ...key });
    let found = watched.get(room);
    if (!found) {
      found = new ServiceState(key, deps, () => watched.delete(room));
      watched.set(room, found);
    }
    return found;
  };

  return {
    register: async (ref, instance) => {
      const service = keyOf(ref);
      const realtime = deps.realtime();
      // The server drops socket-registered instances with their connection: each new one
      // registers them again.
      if (!reRegistering) {
        reRegistering = true;
        realtime.onConnect(() => {
          for (const request of registrations.values()) {
            realtime.request('instance.register', request).then(
              (ack) => (ack.ok ? undefined : deps.onError(errorFromAck(ack.error))),
              (error: unknown) => deps.onError(error as SwitchboardError),
            );
          }
        });
      }
      const request: SocketRegisterRequest = { service, instance: { ...instance } };
      const ack = await realtime.request('instance.register', request);
      if (!ack.ok) throw errorFromAck(ack.error);
      registrations.set(registrationId(service, ack.instance), request);
      return ack.instance;
    },
    deregister: async (ref, instance) => {
      const service = keyOf(ref);
      const address = { clusterName: instance.clusterName ?? DEFAULT_CLUSTER, ip: instance.ip, port: instance.port };
      registrations.delete(registrationId(service, address));
      const ack = await deps.realtime().request('instance.deregister', { service, instance: address });
      if (!ack.ok && ack.error.code !== 'INSTANCE_NOT_FOUND') throw errorFromAck(ack.error);
    },
    discover: (ref, options = {}) => state(keyOf(ref)).view(options),
    pick: async (ref, options = {}) => {
      const service = state(keyOf(ref));
      if (!picked.has(service)) {
        picked.add(service);
        service.retain();
      }
      // The first pick waits for the service's snapshot: not longer than a request would, and not
      // at all once the connection has failed. Later picks use the last known instances.
      if (!service.isReady) await Promise.all([service.ready, deps.realtime().whenConnected()].map((p) => within(p, deps.timeoutMs)));
      service.refreshThresholdIfOlder(THRESHOLD_MAX_AGE_MS);
      return pickInstance(service.all(), { clusters: asList(options.cluster), tags: options.tags ?? [] }, service.protectThreshold, options.random);
    },
    close: () => {
      for (const service of watched.values()) service.dispose();
      watched.clear();
      picked.clear();
      registrations.clear();
    },
  };
}

function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SwitchboardError({ code: 'TIMEOUT', status: 0, message: `no instances of the service within ${timeoutMs} ms` })), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function registrationId(service: ServiceKey, instance: { clusterName: string; ip: string; port: number }): string {
  return JSON.stringify([service.namespaceId, service.groupName, service.serviceName, instance.clusterName, instance.ip, instance.port]);
}

// One subscription to a service's topic, shared by every view of it.
class ServiceState {
  private readonly byId = new Map<string, InstanceView>();
  private readonly listeners = new Set<() => void>();
  private users = 0;
  private unsubscribe: (() => void) | undefined;
  private resolveReady!: () => void;
  revision = -1;
  protectThreshold = 0;
  isReady = false;
  private thresholdReadAt = 0;
  private thresholdReading: Promise<void> | undefined;
  readonly ready: Promise<void>;

  constructor(
    readonly key: ServiceKey,
    private readonly deps: NamingDeps,
    private readonly forget: () => void,
  ) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  all(): InstanceView[] {
    return [...this.byId.values()];
  }

  retain(): void {
    this.users += 1;
    if (!this.unsubscribe) this.subscribe();
  }

  release(): void {
    this.users -= 1;
    if (this.users <= 0) this.dispose();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.listeners.clear();
    this.forget();
  }

  view(options: DiscoverOptions): LiveInstances {
    this.retain();
    const filter = { healthyOnly: options.healthyOnly ?? true, clusters: asList(options.cluster), tags: options.tags ?? [] };
    const own = new Set<() => void>();
    let closed = false;
    const select = () => selectInstances(this.all(), filter, this.protectThreshold).instances;
    const revision = () => this.revision;
    return {
      service: this.key,
      ready: this.ready,
      get revision() {
        return revision();
      },
      instances: select,
      onChange: (listener) => {
        const wrapped = () => listener(select());
        own.add(wrapped);
        this.listeners.add(wrapped);
        return () => {
          own.delete(wrapped);
          this.listeners.delete(wrapped);
        };
      },
      close: () => {
        if (closed) return;
        closed = true;
        for (const listener of own) this.listeners.delete(listener);
        this.release();
      },
    };
  }

  private subscribe(): void {
    this.unsubscribe = this.deps.realtime().subscribe(
      { kind: 'service', ...this.key },
      {
        onSnapshot: (list) => this.seed(list),
        onEvent: (event) => {
          const { revision, change, instance } = event.payload;
          if (this.revision < 0 || revision <= this.revision) return; // already in the snapshot
          if (revision > this.revision + 1) {
            this.resubscribe(); // a change was missed
            return;
          }
          this.revision = revision;
          if (change === 'deregistered' || change === 'expired') this.byId.delete(instance.instanceId);
          else this.byId.set(instance.instanceId, instance);
          this.notify();
        },
        onError: this.deps.onError,
      },
    );
  }

  private resubscribe(): void {
    this.unsubscribe?.();
    this.revision = -1;
    this.subscribe();
  }

  private seed(list: InstanceListView): void {
    this.byId.clear();
    for (const instance of list.instances) this.byId.set(instance.instanceId, instance);
    this.revision = list.revision;
    this.notify();
    void this.refreshThreshold().then(() => {
      this.isReady = true;
      this.resolveReady();
    });
  }

  refreshThresholdIfOlder(maxAgeMs: number): void {
    if (this.thresholdReadAt && Date.now() - this.thresholdReadAt > maxAgeMs) void this.refreshThreshold();
  }

  // The protect threshold is a property of the service, not of the topic: read with each snapshot.
  private refreshThreshold(): Promise<void> {
    this.thresholdReading ??= this.readThreshold().finally(() => (this.thresholdReading = undefined));
    return this.thresholdReading;
  }

  private async readThreshold(): Promise<void> {
    this.thresholdReadAt = Date.now();
    let threshold = this.protectThreshold;
    try {
      threshold = (await this.deps.transport.call(NAMING_ENDPOINTS.getService, { params: this.key })).protectThreshold;
    } catch (error) {
      if (error instanceof SwitchboardError && error.code === 'SERVICE_NOT_FOUND') threshold = 0;
      else this.deps.onError(error instanceof SwitchboardError ? error : new SwitchboardError({ code: 'BAD_RESPONSE', status: 0, message: String(error), cause: error }));
    }
    if (threshold === this.protectThreshold) return;
    this.protectThreshold = threshold;
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.deps.onError(error instanceof SwitchboardError ? error : new SwitchboardError({ code: 'BAD_RESPONSE', status: 0, message: String((error as Error)?.message ?? error), cause: error }));
      }
    }
  }
}
