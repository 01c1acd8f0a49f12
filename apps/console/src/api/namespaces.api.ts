import {
  NAMESPACES_ENDPOINTS,
  type CreateNamespaceRequest,
  type UpdateNamespaceRequest,
} from '@switchboard/shared';
import { callEndpoint } from './http-client';

export const listNamespaces = (signal?: AbortSignal) =>
  callEndpoint(NAMESPACES_ENDPOINTS.listNamespaces, { signal });

export const getNamespace = (namespaceId: string) =>
  callEndpoint(NAMESPACES_ENDPOINTS.getNamespace, { params: { namespaceId } });

export const createNamespace = (body: CreateNamespaceRequest) =>
  callEndpoint(NAMESPACES_ENDPOINTS.createNamespace, { body });

export const updateNamespace = (namespaceId: string, body: UpdateNamespaceRequest) =>
  callEndpoint(NAMESPACES_ENDPOINTS.updateNamespace, { params: { namespaceId }, body });

export const deleteNamespace = (namespaceId: string) =>
  callEndpoint(NAMESPACES_ENDPOINTS.deleteNamespace, { params: { namespaceId } });
