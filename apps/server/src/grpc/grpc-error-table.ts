import type { ErrorCode } from '@switchboard/shared';

// The Nacos gRPC protocol answers an error inside the response body: resultCode 500, an
// errorCode, a message. The codes are Nacos's (NacosException and the config responses): 300 a
// config not found, 400 bad parameters, 403 no right (the SDKs log in again), 404 not found,
// 409 a conflict, 413 too large, 503 busy or unavailable, 500 a server fault.
export const NACOS_GRPC_ERROR_CODES: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 403,
  FORBIDDEN: 403,
  LOGIN_LOCKED: 403,
  TOO_MANY_CONCURRENT_REQUESTS: 503,
  USER_NOT_FOUND: 404,
  USER_ALREADY_EXISTS: 409,
  ACCESS_TOKEN_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 400,
  NAMESPACE_NOT_FOUND: 404,
  NAMESPACE_ALREADY_EXISTS: 409,
  NAMESPACE_PROTECTED: 409,
  NAMESPACE_NOT_EMPTY: 409,
  SERVICE_NOT_FOUND: 404,
  SERVICE_ALREADY_EXISTS: 409,
  SERVICE_NOT_EMPTY: 409,
  INSTANCE_NOT_FOUND: 404,
  CONFIG_NOT_FOUND: 300,
  CONFIG_VERSION_NOT_FOUND: 404,
  CONFIG_CONFLICT: 409,
  CONFIG_TOO_LARGE: 413,
  CONFIG_QUOTA_EXCEEDED: 409,
  CANARY_NOT_FOUND: 404,
  CANARY_ALREADY_ACTIVE: 409,
  CANARY_CONFLICT: 409,
  TOPIC_NOT_FOUND: 404,
  REVIEW_REQUIRED: 403,
  CHANGE_REQUEST_NOT_FOUND: 404,
  CHANGE_REQUEST_CONFLICT: 409,
  WEBHOOK_NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};

// Protocol errors, answered as an ErrorResponse (the SDKs raise them as NacosException).
export const NACOS_GRPC_PROTOCOL_ERRORS = {
  unregistered: 301, // a request on a connection that has not set up its stream (the SDK reconnects)
  noHandler: 302, // an unknown request type
  invalidRequest: 400, // a body that is not the request's JSON, or too large
  serverError: 500,
} as const;
