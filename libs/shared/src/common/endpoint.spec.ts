import { describe, expect, it } from 'vitest';
import { buildPath, buildQuery } from './endpoint';

describe('buildPath', () => {
  it('should encode each path parameter', () => {
    expect(buildPath('/api/v1/namespaces/:namespaceId', { namespaceId: 'a b/ü' })).toBe(
      '/api/v1/namespaces/a%20b%2F%C3%BC',
    );
  });

  it('should throw when a parameter is missing', () => {
    expect(() => buildPath('/x/:id', {})).toThrow(/missing path parameter "id"/);
  });
});

describe('buildQuery', () => {
  it('should skip undefined values and return an empty string when nothing is left', () => {
    expect(buildQuery({ a: undefined })).toBe('');
    expect(buildQuery({ a: 1, b: 'x y' })).toBe('?a=1&b=x%20y');
  });
});
