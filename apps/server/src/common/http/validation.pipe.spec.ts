import { IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { createValidationPipe } from './validation.pipe';

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
