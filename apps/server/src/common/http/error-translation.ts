import { HttpException } from '@nestjs/common';
import { REST_ERROR_STATUS, type ApiErrorBody } from '@switchboard/shared';
import { NACOS_V1_ERROR_STATUS, NACOS_V2_ERRORS, nacosV3Error } from '../nacos/nacos-error-tables';
import { NACOS_V1_PREFIX, NACOS_V2_PREFIX, NACOS_V3_PREFIX } from '../nacos/nacos-paths';
import { DomainError, recogniseDomainError } from '../errors/domain-error';

export type Transport = 'rest' | 'nacos-v1' | 'nacos-v2' | 'nacos-v3';

export function transportOf(url: string): Transport {
  if (url.startsWith(NACOS_V3_PREFIX)) return 'nacos-v3';
  if (url.startsWith(NACOS_V2_PREFIX)) return 'nacos-v2';
  if (url.startsWith(NACOS_V1_PREFIX)) return 'nacos-v1';
  return 'rest';
}

// Framework and parser errors (unknown route, bad JSON, body too large) and the errors a lower
// layer registered as domain conditions (a database that cannot be reached) become domain errors
// so every transport answers them through its own table. Returns undefined for unexpected errors.
export function toDomainError(error: unknown): DomainError | undefined {
  const recognised = recogniseDomainError(error);
  if (recognised) return recognised;
  const status =
    error instanceof HttpException
      ? error.getStatus()
      : typeof (error as { statusCode?: unknown })?.statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : undefined;
  if (status === undefined || status >= 500) return undefined;
  const message = error instanceof Error ? error.message : 'bad request';
  if (status === 404 || status === 405) return new DomainError('ROUTE_NOT_FOUND', message);
  if (status === 413) return new DomainError('PAYLOAD_TOO_LARGE', `request body is larger than the limit: ${message}`);
  if (status === 415) return new DomainError('UNSUPPORTED_MEDIA_TYPE', message);
  return new DomainError('VALIDATION_FAILED', `body: ${message}`, [{ field: 'body', rule: 'parse', message }]);
}

export interface ErrorResponse {
  status: number;
  contentType: string;
  body: string;
  headers: Record<string, string>; // besides content-type
}

// A 503 is temporary (a database restarting, a node draining): clients may try again soon.
const RETRY_AFTER_SECONDS = '1';
const headersFor = (status: number): Record<string, string> => (status === 503 ? { 'retry-after': RETRY_AFTER_SECONDS } : {});

const INTERNAL = new DomainError('INTERNAL_ERROR', 'internal server error');

// Renders an error in the wire format of the transport the request came in on.
export function renderError(transport: Transport, error: DomainError | undefined, requestId: string): ErrorResponse {
  const domainError = error ?? INTERNAL;
  switch (transport) {
    case 'rest': {
      const body: ApiErrorBody = { code: domainError.code, message: domainError.message, requestId };
      if (domainError.details !== undefined) body.details = domainError.details;
      const status = REST_ERROR_STATUS[domainError.code];
      return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body), headers: headersFor(status) };
    }
    case 'nacos-v1': {
      const status = NACOS_V1_ERROR_STATUS[domainError.code];
      return { status, contentType: 'text/plain; charset=utf-8', body: domainError.message, headers: headersFor(status) };
    }
    case 'nacos-v2':
    case 'nacos-v3': {
      const mapped = transport === 'nacos-v2' ? NACOS_V2_ERRORS[domainError.code] : nacosV3Error(domainError);
      return {
        status: mapped.status,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ code: mapped.code, message: mapped.message, data: domainError.message }),
        headers: headersFor(mapped.status),
      };
    }
  }
}

// What a failed request answers, on the full pipeline and on the hot routes alike: a domain
// error through its transport's table; anything else is a bug, handed to `onUnexpected` (to log)
// and answered as an internal error.
export function errorResponse(url: string, error: unknown, requestId: string, onUnexpected: (error: Error) => void): ErrorResponse {
  const domainError = toDomainError(error);
  if (!domainError) onUnexpected(error instanceof Error ? error : new Error(String(error)));
  return renderError(transportOf(url), domainError, requestId);
}
