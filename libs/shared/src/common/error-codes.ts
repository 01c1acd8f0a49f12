// Every error the server can answer with. Each transport (REST, Nacos v1, Nacos v2) maps
// every code in an exhaustive table, so a new code does not compile until it is mapped.
export const ERROR_CODES = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NAMESPACE_NOT_FOUND: 'NAMESPACE_NOT_FOUND',
  NAMESPACE_ALREADY_EXISTS: 'NAMESPACE_ALREADY_EXISTS',
  NAMESPACE_PROTECTED: 'NAMESPACE_PROTECTED',
  TOPIC_NOT_FOUND: 'TOPIC_NOT_FOUND',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const ALL_ERROR_CODES: readonly ErrorCode[] = Object.values(ERROR_CODES);
