import { CONNECTIONS_ENDPOINTS as E } from '@switchboard/shared';
import { callEndpoint } from './http-client';

export const listSdkConnections = (namespaceId: string, signal?: AbortSignal) =>
  callEndpoint(E.list, { params: { namespaceId }, signal });
