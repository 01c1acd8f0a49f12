import { CLUSTER_ENDPOINTS as E } from '@switchboard/shared';
import { callEndpoint } from './http-client';

export const listClusterNodes = (signal?: AbortSignal) => callEndpoint(E.listNodes, { signal });
