import { describe, expect, it } from 'vitest';
import { presentViolations } from './config-validation';

describe('presentViolations', () => {
  it('should mark syntax errors at their place without repeating the place in the message', () => {
    const { diagnostics, items } = presentViolations([
      { field: 'content/port', rule: 'schema', message: 'must be integer' },
      { field: 'content', rule: 'syntax', message: 'line 3, column 7: bad indentation', line: 3, column: 7 },
      { field: 'content', rule: 'syntax', message: 'line 1, column 2: unexpected', line: 1, column: 2 },
    ]);
    expect(diagnostics).toEqual([
      { line: 1, column: 2, message: 'unexpected' },
      { line: 3, column: 7, message: 'bad indentation' },
    ]);
    expect(items.map((i) => i.message)).toEqual(['unexpected', 'bad indentation', 'must be integer']);
    expect(items[2]).toMatchObject({ field: 'content/port', line: undefined });
  });

  it('should default a missing column to the start of the line', () => {
    expect(presentViolations([{ field: 'content', rule: 'syntax', message: 'x', line: 2 }]).diagnostics).toEqual([
      { line: 2, column: 1, message: 'x' },
    ]);
  });
});
