import { describe, expect, it } from 'vitest';
import { createTranslate } from '../i18n/translate';
import { ApiError } from './api-error';
import { errorMessage, formErrors } from './error-display';

const t = createTranslate('en');
const fields = ['namespaceId', 'name', 'description', 'configQuota'] as const;

describe('formErrors', () => {
  it('should put each field violation on its field and the unknown ones in the summary', () => {
    const error = new ApiError('VALIDATION_FAILED', 400, 'bad', [
      { field: 'name', rule: 'pattern', message: 'must not contain @' },
      { field: 'configQuota', rule: 'range', message: 'too big' },
      { field: 'labels.env', rule: 'x', message: 'unknown field' },
    ]);
    expect(formErrors(error, t, fields)).toEqual({
      fields: [
        { name: 'name', errors: ['must not contain @'] },
        { name: 'configQuota', errors: ['too big'] },
      ],
      summary: 'labels.env: unknown field',
      requestId: undefined,
    });
  });

  it('should put a duplicate id on the id field when the form has it', () => {
    const error = new ApiError('NAMESPACE_ALREADY_EXISTS', 409, 'exists', undefined, 'req-1');
    expect(formErrors(error, t, fields)).toEqual({
      fields: [{ name: 'namespaceId', errors: ['A namespace with this ID already exists.'] }],
      summary: undefined,
      requestId: 'req-1',
    });
  });

  it('should fall back to the summary when the form lacks the field', () => {
    const error = new ApiError('NAMESPACE_ALREADY_EXISTS', 409, 'exists');
    expect(formErrors(error, t, ['name'])).toMatchObject({
      fields: [],
      summary: 'namespaceId: A namespace with this ID already exists.',
    });
  });

  it('should use details.field when the code has no field of its own', () => {
    const error = new ApiError('NAMESPACE_PROTECTED', 409, 'protected', { field: 'name' });
    expect(formErrors(error, t, fields).fields).toEqual([
      { name: 'name', errors: ['The public namespace cannot be renamed or deleted.'] },
    ]);
  });
});

describe('errorMessage', () => {
  it('should say the server cannot be reached when the error is a network error', () => {
    expect(errorMessage(new ApiError('SERVICE_UNAVAILABLE', 0, 'x'), t)).toBe(
      'Cannot reach the server. Check that it is running.',
    );
  });

  it('should translate the code and fall back to a generic text for non-API errors', () => {
    expect(errorMessage(new ApiError('NAMESPACE_NOT_FOUND', 404, 'x'), createTranslate('zh'))).toBe(
      '该命名空间已不存在。',
    );
    expect(errorMessage(new Error('boom'), t)).toBe('Something went wrong.');
  });
});
