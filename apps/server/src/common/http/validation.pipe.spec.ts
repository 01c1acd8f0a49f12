import { IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { MAX_INPUT_DEPTH, createValidationPipe, nestsDeeperThan } from './validation.pipe';

class NameDto {
  @IsString() name: string;
}

async function violationsOf(value: unknown): Promise<unknown> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: NameDto });
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).details;
  }
  throw new Error('accepted');
}

describe('validation pipe', () => {
  it('should name the field and the rule, without repeating the field in the message', async () => {
    expect(await violationsOf({ name: 1 })).toEqual([{ field: 'name', rule: 'isString', message: 'must be a string' }]);
  });

  it.each(['[[[[', '(a+)+$', '*', 'a b', '名字 🚀', '\\'])('should refuse an unknown key %j as a field, not fail on it', async (key) => {
    expect(await violationsOf({ name: 'x', [key]: 1 })).toEqual([{ field: key, rule: 'whitelistValidation', message: `property ${key} should not exist` }]);
  });
});

describe('validation pipe depth bound', () => {
  function nested(depth: number): unknown {
    let value: unknown = 'x';
    for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
    return value;
  }

  it('should refuse a body nested past the bound with a violation naming it, before walking it', async () => {
    expect(await violationsOf({ name: 'x', extra: nested(10_000) })).toEqual([{ field: 'body', rule: 'maxDepth', message: 'must not nest objects or arrays deeper than 64 levels' }]);
  });

  it('should tell nesting at and past the bound apart', () => {
    expect(nestsDeeperThan(nested(MAX_INPUT_DEPTH), MAX_INPUT_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_INPUT_DEPTH + 1), MAX_INPUT_DEPTH)).toBe(true);
    expect(nestsDeeperThan('text', MAX_INPUT_DEPTH)).toBe(false);
  });
});

describe('validation pipe on server objects', () => {
  it("should pass a custom parameter (a connection, nested and cyclic) through without walking it", async () => {
    const connection: Record<string, unknown> = { id: 'c1' };
    let inner = connection;
    for (let i = 0; i < 100; i++) inner = (inner.next = { back: connection }) as Record<string, unknown>;
    expect(await createValidationPipe().transform(connection, { type: 'custom' })).toBe(connection);
  });
});
