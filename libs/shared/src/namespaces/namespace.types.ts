export interface NamespaceView {
  namespaceId: string;
  name: string;
  description: string;
  configQuota: number; // maximum number of configs in the namespace
  configCount: number;
  builtIn: boolean; // true for `public`, which cannot be renamed or deleted
  createdAt: string; // ISO 8601
  updatedAt: string; // ISO 8601
}

export interface CreateNamespaceRequest {
  namespaceId?: string; // generated (UUID) when absent
  name: string;
  description?: string;
  configQuota?: number;
}

export interface UpdateNamespaceRequest {
  name?: string;
  description?: string;
  configQuota?: number;
}

export interface NamespaceKey {
  namespaceId: string;
}
