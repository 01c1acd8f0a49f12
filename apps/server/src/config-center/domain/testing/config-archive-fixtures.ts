import { strToU8, zipSync, type Zippable } from 'fflate';
import { expect } from 'vitest';
import { DomainError } from '../../../common/errors/domain-error';
import type { PortableConfig } from '../config-archive';

// Shared by the config archive specs.

export function config(
  group: string,
  dataId: string,
  content: string,
  extra: Partial<PortableConfig> = {},
): PortableConfig {
  return { group, dataId, content, type: 'text', appName: '', description: '', tags: [], ...extra };
}

export function zipOf(entries: Record<string, string | Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries))
    files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
}

export function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

export function expectFileViolation(run: () => unknown, rule: string, message: RegExp): void {
  const error = catchError(run);
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.code).toBe('VALIDATION_FAILED');
  expect(domainError.details).toEqual([
    { field: 'file', rule, message: expect.stringMatching(message) },
  ]);
}
