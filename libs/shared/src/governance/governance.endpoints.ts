import { defineEndpoint } from '../common/endpoint';
import type { Page } from '../common/page';
import type {
  ChangeRequestSummaryView,
  ChangeRequestView,
  CommentChangeRequestRequest,
  CreateChangeRequestRequest,
  ListChangeRequestsQuery,
  ReviewChangeRequestRequest,
  UpdateChangeRequestRequest,
} from './change-request.types';

type RequestKey = { namespaceId: string; id: string };
const ONE = '/api/v1/namespaces/:namespaceId/change-requests/:id';

export const GOVERNANCE_ENDPOINTS = {
  listChangeRequests: defineEndpoint<{ namespaceId: string }, ListChangeRequestsQuery, void, Page<ChangeRequestSummaryView>>('GET', '/api/v1/namespaces/:namespaceId/change-requests'),
  createChangeRequest: defineEndpoint<{ namespaceId: string }, void, CreateChangeRequestRequest, ChangeRequestView>('POST', '/api/v1/namespaces/:namespaceId/change-requests'),
  getChangeRequest: defineEndpoint<RequestKey, void, void, ChangeRequestView>('GET', ONE),
  updateChangeRequest: defineEndpoint<RequestKey, void, UpdateChangeRequestRequest, ChangeRequestView>('PATCH', ONE),
  approveChangeRequest: defineEndpoint<RequestKey, void, ReviewChangeRequestRequest, ChangeRequestView>('POST', `${ONE}/approve`),
  rejectChangeRequest: defineEndpoint<RequestKey, void, ReviewChangeRequestRequest, ChangeRequestView>('POST', `${ONE}/reject`),
  withdrawChangeRequest: defineEndpoint<RequestKey, void, ReviewChangeRequestRequest, ChangeRequestView>('POST', `${ONE}/withdraw`),
  rebaseChangeRequest: defineEndpoint<RequestKey, void, ReviewChangeRequestRequest, ChangeRequestView>('POST', `${ONE}/rebase`),
  applyChangeRequest: defineEndpoint<RequestKey, void, ReviewChangeRequestRequest, ChangeRequestView>('POST', `${ONE}/apply`),
  commentChangeRequest: defineEndpoint<RequestKey, void, CommentChangeRequestRequest, ChangeRequestView>('POST', `${ONE}/comments`),
  // Open requests, across the namespaces the caller may review, that wait for the caller's approval.
  awaitingMyReview: defineEndpoint<void, void, void, ChangeRequestSummaryView[]>('GET', '/api/v1/change-requests/awaiting-my-review'),
} as const;
