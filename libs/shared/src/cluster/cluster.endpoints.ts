import { defineEndpoint } from '../common/endpoint';
import type { ClusterNodesView } from './cluster.types';

export const CLUSTER_ENDPOINTS = {
  listNodes: defineEndpoint<void, void, void, ClusterNodesView>('GET', '/api/v1/cluster/nodes'),
} as const;
