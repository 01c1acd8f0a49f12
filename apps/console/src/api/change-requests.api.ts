import {
  GOVERNANCE_ENDPOINTS as E,
  type CommentChangeRequestRequest,
  type CreateChangeRequestRequest,
  type ListChangeRequestsQuery,
  type ReviewChangeRequestRequest,
  type UpdateChangeRequestRequest,
} from '@switchboard/shared';
import { callEndpoint } from './http-client';

// Change requests: reviewed changes of the configs of a namespace whose review policy is `required`.
export interface ChangeRequestKey {
  namespaceId: string;
  id: string;
}

export const listChangeRequests = (
  namespaceId: string,
  query: ListChangeRequestsQuery = {},
  signal?: AbortSignal,
) => callEndpoint(E.listChangeRequests, { params: { namespaceId }, query, signal });

export const createChangeRequest = (namespaceId: string, body: CreateChangeRequestRequest) =>
  callEndpoint(E.createChangeRequest, { params: { namespaceId }, body });

export const getChangeRequest = (key: ChangeRequestKey, signal?: AbortSignal) =>
  callEndpoint(E.getChangeRequest, { params: key, signal });

export const updateChangeRequest = (key: ChangeRequestKey, body: UpdateChangeRequestRequest) =>
  callEndpoint(E.updateChangeRequest, { params: key, body });

export const approveChangeRequest = (key: ChangeRequestKey, body: ReviewChangeRequestRequest = {}) =>
  callEndpoint(E.approveChangeRequest, { params: key, body });

export const rejectChangeRequest = (key: ChangeRequestKey, body: ReviewChangeRequestRequest = {}) =>
  callEndpoint(E.rejectChangeRequest, { params: key, body });

export const withdrawChangeRequest = (key: ChangeRequestKey, body: ReviewChangeRequestRequest = {}) =>
  callEndpoint(E.withdrawChangeRequest, { params: key, body });

export const rebaseChangeRequest = (key: ChangeRequestKey, body: ReviewChangeRequestRequest = {}) =>
  callEndpoint(E.rebaseChangeRequest, { params: key, body });

export const applyChangeRequest = (key: ChangeRequestKey, body: ReviewChangeRequestRequest = {}) =>
  callEndpoint(E.applyChangeRequest, { params: key, body });

export const commentChangeRequest = (key: ChangeRequestKey, body: CommentChangeRequestRequest) =>
  callEndpoint(E.commentChangeRequest, { params: key, body });

// Open requests, across the namespaces the caller may review, waiting for the caller's approval.
export const awaitingMyReview = (signal?: AbortSignal) =>
  callEndpoint(E.awaitingMyReview, { signal });
