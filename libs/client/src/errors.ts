import { isApiErrorBody, REST_ERROR_STATUS, type ApiErrorBody, type ErrorCode, type FieldViolation } from '@switchboard/shared';

// What the client itself reports when no answer of the server carries a code: the server could
// not be reached (or answered something that is no Switchboard answer).
// CONFIG_PARSE_ERROR: a config's content is not valid in the format it was read as.
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'BAD_RESPONSE' | 'CONFIG_PARSE_ERROR';

// Every failure of a call: the server's code, its HTTP status and request id, and the violated
// rules per field when the input was refused (VALIDATION_FAILED, a config's syntax error with its
// line and column). `status` is 0 when no answer arrived.
export class SwitchboardError extends Error {
  override readonly name: string = 'SwitchboardError';
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
    return this.code === 'NETWORK_ERROR' || this.code === 'TIMEOUT' || this.status === 502 || this.status === 503 || this.status === 504;
  }

  static fromAnswer(status: number, body: unknown, requestId: string | undefined): SwitchboardError {
    if (isApiErrorBody(body)) return new SwitchboardError({ code: body.code, status, message: body.message, details: body.details, requestId: body.requestId ?? requestId });
    return new SwitchboardError({ code: 'BAD_RESPONSE', status, message: `unexpected answer with status ${status}`, requestId });
  }
}

// A socket.io acknowledgement carries the REST error body without a status: the status the REST
// API answers for that code stands in, so both transports fail alike.
export function errorFromAck(body: ApiErrorBody): SwitchboardError {
  return new SwitchboardError({ code: body.code, status: REST_ERROR_STATUS[body.code] ?? 500, message: body.message, details: body.details, requestId: body.requestId });
}


export type ConfigFormat = 'json' | 'yaml' | 'properties' | 'toml';

// A config's content that does not parse in the format asked for, with where the first syntax
// error lies (1-based line, column in Unicode code points, as editors count).
export class ConfigParseError extends SwitchboardError {
  override readonly name: string = 'ConfigParseError';
  readonly format: ConfigFormat;
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(init: { format: ConfigFormat; line: number; column: number; reason: string; source?: string; cause?: unknown }) {
    const where = init.source ? `${init.source}: ` : '';
    super({
      code: 'CONFIG_PARSE_ERROR',
      status: 0,
      message: `${where}invalid ${init.format} at line ${init.line}, column ${init.column}: ${init.reason}`,
      details: [{ field: 'content', rule: 'syntax', message: init.reason, line: init.line, column: init.column }],
      cause: init.cause,
    });
    this.format = init.format;
    this.line = init.line;
    this.column = init.column;
    this.reason = init.reason;
  }
}

function violationsOf(details: unknown): FieldViolation[] {
  // VALIDATION_FAILED carries the list itself; other answers may carry it as `violations`.
  const list = Array.isArray(details) ? details : (details as { violations?: unknown } | undefined)?.violations;
  if (!Array.isArray(list)) return [];
  return list.filter((v): v is FieldViolation => typeof v === 'object' && v !== null && typeof (v as FieldViolation).field === 'string' && typeof (v as FieldViolation).message === 'string');
}
