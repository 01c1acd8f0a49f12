import { describe, expect, it } from 'vitest';
import { checkPassword, checkUsername } from './user-form';

describe('checkUsername', () => {
  it('should accept the characters of USERNAME_RULES and refuse others', () => {
    expect(checkUsername('ops.bot_1@corp-x')).toBeUndefined();
    expect(checkUsername('  ')).toEqual({ key: 'rule.username.required' });
    expect(checkUsername('with space')).toEqual({ key: 'rule.username.pattern' });
    expect(checkUsername('x'.repeat(65))).toEqual({ key: 'rule.username.pattern' });
  });
});

describe('checkPassword', () => {
  it('should enforce the length of PASSWORD_RULES', () => {
    expect(checkPassword('')).toEqual({ key: 'rule.password.required' });
    expect(checkPassword('short')).toEqual({
      key: 'rule.password.length',
      vars: { min: 8, max: 128 },
    });
    expect(checkPassword('long-enough')).toBeUndefined();
    expect(checkPassword('x'.repeat(129))?.key).toBe('rule.password.length');
  });
});
