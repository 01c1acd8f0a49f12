import type { ReviewPolicyRequest, ReviewPolicyView } from '../governance/change-request.types';

export interface NamespaceView {
  namespaceId: string;
  name: string;
  description: string;
  configQuota: number; // maximum number of configs in the namespace
  configCount: number;
  builtIn: boolean; // true for `public`, which cannot be renamed or deleted
  reviewPolicy: ReviewPolicyView; // `required`: configs change only through approved change requests
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
  reviewPolicy?: ReviewPolicyRequest; // administrators only; `required` needs authentication on
}

export interface NamespaceKey {
  namespaceId: string;
}
