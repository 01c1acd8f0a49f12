import type { ConfigKey } from '../config-center/config.types';
import type { ServiceKey } from '../naming/naming.types';

// A Nacos SDK connection over gRPC (Nacos 2.x/3.x clients), as the node holding it describes it.
export interface SdkConnectionView {
  connectionId: string;
  nodeId: string; // the cluster node the client is connected to
  clientIp: string; // the address the client reports
  remoteAddress: string; // ip:port the connection comes from
  clientVersion: string; // e.g. Nacos-Java-Client:v2.4.0
  labels: Record<string, string>; // declared at connection set-up (module, app labels, Vipserver-Tag)
  namespaceId: string; // the namespace (tenant) the client declared
  connectedAt: string; // ISO 8601
  lastActiveAt: string; // ISO 8601
  subscriptions: (ServiceKey & { clusters: string })[]; // services it subscribed to in this namespace
  listenedConfigs: ConfigKey[]; // configs of this namespace it listens to
}

// The SDK connections of a namespace: those that declared it, subscribe to one of its services or
// listen to one of its configs, on every node that answered within a second.
export interface SdkConnectionsView {
  namespaceId: string;
  connections: SdkConnectionView[];
  at: string; // ISO 8601
}
