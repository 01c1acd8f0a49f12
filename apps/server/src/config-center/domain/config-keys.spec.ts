import { describe, expect, it } from 'vitest';
import { blurMatcher } from './config-keys';

describe('blurMatcher', () => {
  it.each([
    ['app.*', 'app.properties', true],
    ['app.*', 'APP.YAML', true],
    ['*.yaml', 'orders.yaml', true],
    ['*.yaml', 'orders.yml', false],
    ['*ord*', 'orders.yaml', true],
    ['*ord*', 'x', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['a*a', 'a', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['*', '', true],
    ['**', 'anything', true],
    ['a**b', 'ab', true],
    ['x.(y)+[z]?', 'x.(y)+[z]?', true],
    ['x.*+', 'x.ab+', true],
    ['x.*+', 'x.ab', false],
    ['名*🚀', '名字🚀', true],
    ['exact', 'EXACT', false],
  ])('%s matches %s: %s', (pattern, value, expected) => {
    expect(blurMatcher(pattern)(value)).toBe(expected);
  });

  it('should answer a pattern built to backtrack at once', () => {
    // A backtracking matcher does not finish these within the test's time limit.
    expect(blurMatcher(`${'*a'.repeat(40)}*b`)('a'.repeat(200))).toBe(false);
    expect(blurMatcher(`${'*a'.repeat(200)}*b`)('a'.repeat(100_000))).toBe(false);
    expect(blurMatcher(`${'*a'.repeat(200)}*`)('a'.repeat(100_000))).toBe(true);
  });
});
