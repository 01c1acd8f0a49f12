import { ERROR_CODES, type ErrorCode, type FieldViolation } from '@switchboard/shared';

// A failed API call. `status` is the HTTP status, or 0 when there was none: the server could
// not be reached (code SERVICE_UNAVAILABLE) or the error came over the socket.
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
  }

  get isNetworkError(): boolean {
    return this.status === 0 && this.code === ERROR_CODES.SERVICE_UNAVAILABLE;
  }

  // The field violations of a VALIDATION_FAILED answer; empty for anything else.
  get violations(): FieldViolation[] {
    if (this.code !== ERROR_CODES.VALIDATION_FAILED || !Array.isArray(this.details)) return [];
    return this.details.filter(isFieldViolation);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isFieldViolation(value: unknown): value is FieldViolation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.field === 'string' && typeof v.message === 'string';
}
