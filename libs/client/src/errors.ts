import { isApiErrorBody, type ErrorCode, type FieldViolation } from '@switchboard/shared';

// What the client itself reports when no answer of the server carries a code: the server could
// not be reached (or answered something that is no Switchboard answer).
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'BAD_RESPONSE';

// Every failure of a call: the server's code, its HTTP status and request id, and the violated
// rules per field when the input was refused (VALIDATION_FAILED, a config's syntax error with its
// line and column). `status` is 0 when no answer arrived.
export class SwitchboardError extends Error {
  override readonly name = 'SwitchboardError';
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly violations: FieldViolation[];
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(init: { code: ErrorCode | ClientErrorCode; status: number; message: string; details?: unknown; requestId?: string; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    this.violations = violationsOf(init.details);
  }

  // True for failures that say nothing about the request itself: the server was unreachable or
  // unavailable, so the same call may succeed later (and a snapshot may stand in meanwhile).
  get retryable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }

  static fromAnswer(status: number, body: unknown, requestId: string | undefined): SwitchboardError {
    if (isApiErrorBody(body)) return new SwitchboardError({ code: body.code, status, message: body.message, details: body.details, requestId: body.requestId ?? requestId });
    return new SwitchboardError({ code: 'BAD_RESPONSE', status, message: `unexpected answer with status ${status}`, requestId });
  }
}

function violationsOf(details: unknown): FieldViolation[] {
  // VALIDATION_FAILED carries the list itself; other answers may carry it as `violations`.
  const list = Array.isArray(details) ? details : (details as { violations?: unknown } | undefined)?.violations;
  if (!Array.isArray(list)) return [];
  return list.filter((v): v is FieldViolation => typeof v === 'object' && v !== null && typeof (v as FieldViolation).field === 'string' && typeof (v as FieldViolation).message === 'string');
}
