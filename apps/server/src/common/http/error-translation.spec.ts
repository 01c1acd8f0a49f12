import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ALL_ERROR_CODES, REST_ERROR_STATUS } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { NACOS_V1_ERROR_STATUS, NACOS_V2_ERRORS } from '../nacos/nacos-error-tables';
import { DomainError, registerErrorRecogniser, validationFailed } from '../errors/domain-error';
import { renderError, toDomainError, transportOf } from './error-translation';

describe('error tables', () => {
  it('should map every error code on every transport, with 4xx for client errors and 5xx only for server ones', () => {
    for (const code of ALL_ERROR_CODES) {
      const serverSide = code === 'INTERNAL_ERROR' || code === 'SERVICE_UNAVAILABLE';
      for (const status of [REST_ERROR_STATUS[code], NACOS_V1_ERROR_STATUS[code], NACOS_V2_ERRORS[code].status]) {
        expect(status, code).toBeGreaterThanOrEqual(serverSide ? 500 : 400);
        expect(status, code).toBeLessThan(serverSide ? 600 : 500);
      }
    }
  });
});

describe('transportOf', () => {
  it('should pick the transport from the path prefix', () => {
    expect(transportOf('/nacos/v2/console/namespace')).toBe('nacos-v2');
    expect(transportOf('/nacos/v1/console/namespaces?x=1')).toBe('nacos-v1');
    expect(transportOf('/api/v1/namespaces')).toBe('rest');
  });
});

describe('toDomainError', () => {
  it('should translate framework errors and leave unknown ones undefined', () => {
    expect(toDomainError(new NotFoundException())?.code).toBe('ROUTE_NOT_FOUND');
    expect(toDomainError(new PayloadTooLargeException())?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toDomainError(Object.assign(new Error('Unexpected token'), { statusCode: 400 }))?.code).toBe('VALIDATION_FAILED');
    expect(toDomainError(new Error('boom'))).toBeUndefined();
    expect(toDomainError(Object.assign(new Error('db down'), { statusCode: 500 }))).toBeUndefined();
  });

  it('should translate the errors a lower layer registered as domain conditions', () => {
    const unavailable = new DomainError('SERVICE_UNAVAILABLE', 'the database is unavailable; retry later');
    const unregister = registerErrorRecogniser((e) => ((e as { code?: string }).code === 'ECONNREFUSED' ? unavailable : undefined));
    try {
      expect(toDomainError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(unavailable);
      expect(toDomainError(new Error('boom'))).toBeUndefined();
    } finally {
      unregister();
    }
    expect(toDomainError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeUndefined();
  });
});

describe('renderError', () => {
  const error = validationFailed([{ field: 'name', rule: 'required', message: 'is required' }]);

  it('should render our REST body with details and the request id', () => {
    const rendered = renderError('rest', error, 'req-1');
    expect(rendered.status).toBe(400);
    expect(JSON.parse(rendered.body)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'name: is required',
      requestId: 'req-1',
      details: [{ field: 'name', rule: 'required', message: 'is required' }],
    });
  });

  it('should render Nacos v1 as plain text and v2 in the {code,message,data} envelope', () => {
    expect(renderError('nacos-v1', error, 'r')).toEqual({ status: 400, contentType: 'text/plain; charset=utf-8', body: 'name: is required', headers: {} });
    const v2 = renderError('nacos-v2', new DomainError('NAMESPACE_NOT_FOUND', 'namespaceId: gone'), 'r');
    expect(v2.status).toBe(404);
    expect(JSON.parse(v2.body)).toEqual({ code: 22001, message: 'namespace not exist', data: 'namespaceId: gone' });
  });

  it('should tell clients of a 503 on every transport when to retry', () => {
    const unavailable = new DomainError('SERVICE_UNAVAILABLE', 'the database is unavailable; retry later');
    for (const transport of ['rest', 'nacos-v1', 'nacos-v2'] as const) {
      expect(renderError(transport, unavailable, 'r'), transport).toMatchObject({ status: 503, headers: { 'retry-after': '1' } });
    }
    expect(renderError('nacos-v1', unavailable, 'r').body).toBe('the database is unavailable; retry later');
    expect(renderError('rest', error, 'r').headers).toEqual({});
  });

  it('should hide the cause of unexpected errors behind a generic 500', () => {
    const rendered = renderError('rest', undefined, 'req-2');
    expect(rendered.status).toBe(500);
    expect(JSON.parse(rendered.body)).toEqual({ code: 'INTERNAL_ERROR', message: 'internal server error', requestId: 'req-2' });
  });
});
