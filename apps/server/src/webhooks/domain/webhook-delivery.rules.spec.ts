import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isDelivered, retryDelayMs, signatureOf } from './webhook-delivery.rules';

describe('retryDelayMs', () => {
  it('should double the wait after each failed attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, 1000))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(retryDelayMs(40, 1000, 60_000)).toBe(60_000);
  });
});

describe('signatureOf', () => {
  it('should be the hex HMAC-SHA256 of the body with the secret', () => {
    const body = '{"type":"config.published","é":1}';
    expect(signatureOf('s3cret-s3cret-s3cret', body)).toBe(`sha256=${createHmac('sha256', 's3cret-s3cret-s3cret').update(Buffer.from(body, 'utf8')).digest('hex')}`);
  });
});

describe('isDelivered', () => {
  it('should accept 2xx only', () => {
    expect([200, 204, 299].every(isDelivered)).toBe(true);
    expect([199, 301, 302, 404, 500].some(isDelivered)).toBe(false);
  });
});
