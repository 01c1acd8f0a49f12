import { describe, expect, it } from 'vitest';
import { parseJson, parseProperties, parseToml, parseYaml } from './config-parse.js';
import { ConfigParseError, SwitchboardError } from './errors.js';

function parseError(parse: () => unknown): ConfigParseError {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigParseError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('parseJson', () => {
  it('should parse valid JSON', () => {
    expect(parseJson<{ a: number[] }>('{"a": [1, 2]}')).toEqual({ a: [1, 2] });
  });

  it('should locate the error when V8 names a position', () => {
    const error = parseError(() => parseJson('{\n  "a": 1,\n  "b" 2\n}', 'DEFAULT_GROUP/app.json'));
    expect([error.line, error.column]).toEqual([3, 7]);
    expect(error.message).toMatch(/^DEFAULT_GROUP\/app\.json: invalid json at line 3, column 7: \S/);
  });

  it('should locate an unexpected token when V8 only quotes a snippet', () => {
    const error = parseError(() => parseJson('{\n  "a": }'));
    expect([error.line, error.column]).toEqual([2, 8]);
    expect(error.reason).toBe("Unexpected token '}'");
  });

  it('should count columns in code points when the line holds an emoji', () => {
    const error = parseError(() => parseJson('["😀", x]'));
    expect([error.line, error.column]).toEqual([1, 7]);
  });

  it('should point at the end of the text when it is cut short', () => {
    const error = parseError(() => parseJson('{"a": [1,\n'));
    expect(error.line).toBe(1);
    expect(error.column).toBe(10);
  });
});

describe('parseYaml', () => {
  it('should parse valid YAML', () => {
    expect(parseYaml('server:\n  port: 8080\n  hosts: [a, b]\n')).toEqual({ server: { port: 8080, hosts: ['a', 'b'] } });
  });

  it('should locate the syntax error when the YAML is invalid', () => {
    const error = parseError(() => parseYaml('a: 1\nb: [1, 2\nc: 3\n'));
    expect(error.format).toBe('yaml');
    expect(error.line).toBeGreaterThanOrEqual(2);
    expect(error.column).toBeGreaterThanOrEqual(1);
  });

  it('should report a duplicate key with its line', () => {
    const error = parseError(() => parseYaml('a: 1\nb: 2\na: 3\n'));
    expect([error.line, error.column]).toEqual([3, 1]);
  });
});

describe('parseToml', () => {
  it('should parse valid TOML', () => {
    expect(parseToml('[server]\nport = 8080\n')).toEqual({ server: { port: 8080 } });
  });

  it('should locate the syntax error when the TOML is invalid', () => {
    const error = parseError(() => parseToml('a = 1\nb = = 2\n'));
    expect([error.format, error.line]).toEqual(['toml', 2]);
    expect(error.column).toBeGreaterThanOrEqual(4);
  });
});

describe('parseProperties', () => {
  it('should report errors as ConfigParseError with code points as columns', () => {
    const error = parseError(() => parseProperties('k=😀\\u12'));
    expect([error.format, error.line, error.column]).toEqual(['properties', 1, 4]);
  });
});

describe('ConfigParseError', () => {
  it('should be a SwitchboardError that is not retryable and names the content field', () => {
    const error = parseError(() => parseJson('[1,,2]'));
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error.code).toBe('CONFIG_PARSE_ERROR');
    expect(error.retryable).toBe(false);
    expect(error.violations).toEqual([{ field: 'content', rule: 'syntax', message: error.reason, line: 1, column: 4 }]);
  });
});
