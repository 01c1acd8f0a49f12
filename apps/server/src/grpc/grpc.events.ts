// The SDK connections held by the cluster changed (one opened or closed here, or another node
// told its counts): the overview follows.
export interface SdkConnectionsChanged {
  at: Date;
}

declare module '../common/events/domain-events' {
  interface DomainEventMap {
    'grpc.connectionsChanged': SdkConnectionsChanged;
  }
}
