import type { ErrorCode } from '@switchboard/shared';
import { expect } from 'vitest';

// The shape of an /api/v1 error body with the given code.
export function errorBody(code: ErrorCode, message?: string | RegExp): Record<string, unknown> {
  return {
    code,
    message: message === undefined ? expect.any(String) : typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
    requestId: expect.any(String),
  };
}
