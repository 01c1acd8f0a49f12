import { REST_ERROR_STATUS, type ErrorCode, type FieldViolation } from '@switchboard/shared';
import type { DomainError } from '../errors/domain-error';

// Nacos v1 answers errors as plain text with an HTTP status; Nacos v2 as
// {code, message, data} with Nacos's numeric codes (api/model/v2/ErrorCode).
// Where Nacos answers 500 or 200+false for client mistakes, we answer the proper 4xx;
// Nacos clients treat any non-2xx as a failed call, so they keep working.
// v1 answers with the same statuses as our REST API; only the body (plain text) differs.
// Except authentication: Nacos answers 403 whenever credentials are missing or wrong, and its
// clients expect that.
export const NACOS_V1_ERROR_STATUS: Record<ErrorCode, number> = { ...REST_ERROR_STATUS, UNAUTHENTICATED: 403 };

export interface NacosV2Error {
  status: number;
  code: number;
  message: string;
}

export const NACOS_V2_ERRORS: Record<ErrorCode, NacosV2Error> = {
  VALIDATION_FAILED: { status: 400, code: 20002, message: 'parameter validate error' },
  UNAUTHENTICATED: { status: 403, code: 10001, message: 'access denied' },
  FORBIDDEN: { status: 403, code: 10001, message: 'access denied' },
  LOGIN_LOCKED: { status: 429, code: 10001, message: 'access denied' },
  // Nacos has no code of its own for this; its generic server error code, with the 429 status.
  TOO_MANY_CONCURRENT_REQUESTS: { status: 429, code: 30000, message: 'too many concurrent requests' },
  USER_NOT_FOUND: { status: 404, code: 20004, message: 'resource not found' },
  USER_ALREADY_EXISTS: { status: 409, code: 20005, message: 'resource conflict' },
  ACCESS_TOKEN_NOT_FOUND: { status: 404, code: 20004, message: 'resource not found' },
  ROUTE_NOT_FOUND: { status: 404, code: 20004, message: 'resource not found' },
  PAYLOAD_TOO_LARGE: { status: 413, code: 20002, message: 'parameter validate error' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: 20003, message: 'MediaType Error' },
  NAMESPACE_NOT_FOUND: { status: 404, code: 22001, message: 'namespace not exist' },
  NAMESPACE_ALREADY_EXISTS: { status: 409, code: 22002, message: 'namespace already exist' },
  NAMESPACE_PROTECTED: { status: 409, code: 22000, message: 'illegal namespace' },
  NAMESPACE_NOT_EMPTY: { status: 409, code: 22000, message: 'illegal namespace' },
  SERVICE_NOT_FOUND: { status: 404, code: 21008, message: 'service not exist' },
  SERVICE_ALREADY_EXISTS: { status: 409, code: 21007, message: 'service already exist' },
  SERVICE_NOT_EMPTY: { status: 409, code: 21009, message: 'service delete failure' },
  INSTANCE_NOT_FOUND: { status: 404, code: 21003, message: 'instance not found' },
  CONFIG_NOT_FOUND: { status: 404, code: 20004, message: 'resource not found' },
  CONFIG_VERSION_NOT_FOUND: { status: 404, code: 20004, message: 'resource not found' },
  CONFIG_CONFLICT: { status: 409, code: 20005, message: 'resource conflict' },
  CONFIG_TOO_LARGE: { status: 413, code: 5034, message: 'config content size is over limit' },
  CONFIG_QUOTA_EXCEEDED: { status: 409, code: 5033, message: 'cluster capacity reach quota' },
  CANARY_NOT_FOUND: { status: 404, code: 20004, message: 'resource not found' },
  CANARY_ALREADY_ACTIVE: { status: 409, code: 20010, message: 'gray version already exists' },
  CANARY_CONFLICT: { status: 409, code: 20005, message: 'resource conflict' },
  TOPIC_NOT_FOUND: { status: 404, code: 20004, message: 'resource not found' },
  // Nacos has no review policy; its "no right" answer, with our message naming the policy in data.
  REVIEW_REQUIRED: { status: 403, code: 10001, message: 'access denied' },
  CHANGE_REQUEST_NOT_FOUND: { status: 404, code: 20004, message: 'resource not found' },
  CHANGE_REQUEST_CONFLICT: { status: 409, code: 20005, message: 'resource conflict' },
  WEBHOOK_NOT_FOUND: { status: 404, code: 20004, message: 'resource not found' },
  SERVICE_UNAVAILABLE: { status: 503, code: 30000, message: 'server error' },
  INTERNAL_ERROR: { status: 500, code: 30000, message: 'server error' },
};

// Nacos 3.x answers with the v2 codes, except that a required parameter left out is 10000
// "parameter missing" (its forms' validation) rather than 20002.
export function nacosV3Error(error: DomainError): NacosV2Error {
  const violations = error.code === 'VALIDATION_FAILED' && Array.isArray(error.details) ? (error.details as FieldViolation[]) : [];
  if (violations.length && violations.every((v) => v.rule === 'required')) return { status: 400, code: 10000, message: 'parameter missing' };
  return NACOS_V2_ERRORS[error.code];
}

// A v3 answer that reports a failure in its body with HTTP 200, as some Nacos 3.x client calls
// do (a config that does not exist, a heartbeat for an unknown instance).
export function nacosV3Failure(code: ErrorCode): { code: number; message: string; data: null } {
  const { code: nacosCode, message } = NACOS_V2_ERRORS[code];
  return { code: nacosCode, message, data: null };
}
