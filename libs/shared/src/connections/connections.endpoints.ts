import { defineEndpoint } from '../common/endpoint';
import type { SdkConnectionsView } from './connections.types';

export const CONNECTIONS_ENDPOINTS = {
  list: defineEndpoint<{ namespaceId: string }, void, void, SdkConnectionsView>('GET', '/api/v1/namespaces/:namespaceId/connections'),
} as const;
