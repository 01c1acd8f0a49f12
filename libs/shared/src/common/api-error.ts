import type { ErrorCode } from './error-codes';

// One violated rule on one input field; `field` is a dotted path into the request.
export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
  line?: number; // 1-based, for a syntax error in content
  column?: number; // 1-based, in Unicode code points
}

// Body of every non-2xx answer of /api/v1.
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId?: string;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
