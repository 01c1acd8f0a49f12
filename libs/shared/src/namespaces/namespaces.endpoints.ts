import { defineEndpoint } from '../common/endpoint';
import type { CreateNamespaceRequest, NamespaceKey, NamespaceView, UpdateNamespaceRequest } from './namespace.types';

export const NAMESPACES_ENDPOINTS = {
  listNamespaces: defineEndpoint<void, void, void, NamespaceView[]>('GET', '/api/v1/namespaces'),
  getNamespace: defineEndpoint<NamespaceKey, void, void, NamespaceView>(
    'GET',
    '/api/v1/namespaces/:namespaceId',
  ),
  createNamespace: defineEndpoint<void, void, CreateNamespaceRequest, NamespaceView>(
    'POST',
    '/api/v1/namespaces',
  ),
  updateNamespace: defineEndpoint<NamespaceKey, void, UpdateNamespaceRequest, NamespaceView>(
    'PATCH',
    '/api/v1/namespaces/:namespaceId',
  ),
  deleteNamespace: defineEndpoint<NamespaceKey, void, void, void>(
    'DELETE',
    '/api/v1/namespaces/:namespaceId',
  ),
} as const;
