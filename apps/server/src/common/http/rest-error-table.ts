import type { ErrorCode } from '@switchboard/shared';

// HTTP status of each error code on our REST API (/api/v1). Exhaustive by type.
export const REST_ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  ROUTE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NAMESPACE_NOT_FOUND: 404,
  NAMESPACE_ALREADY_EXISTS: 409,
  NAMESPACE_PROTECTED: 409,
  TOPIC_NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};
