import { describe, expect, it } from 'vitest';
import { codePointColumn, parseProperties } from './properties-parser';

function parsed(content: string): Record<string, string> {
  const result = parseProperties(content);
  if (!result.ok) throw new Error(`unexpected error: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('parseProperties', () => {
  it('should split key and value when separated by "=", ":" or whitespace', () => {
    const value = parsed('a=1\nb: 2\nc 3\nd = 4\ne\t:\t5\nf\ng=\nh = = x');
    expect(value).toEqual({ a: '1', b: '2', c: '3', d: '4', e: '5', f: '', g: '', h: '= x' });
  });

  it('should skip comment and blank lines when they start with "#" or "!" or hold only whitespace', () => {
    expect(parsed('# comment\n  ! also\n\n \t \na=1\n#b=2')).toEqual({ a: '1' });
  });

  it('should keep trailing whitespace but drop leading whitespace when reading a value', () => {
    expect(parsed('  key =   spaced value  ')).toEqual({ key: 'spaced value  ' });
  });

  it('should join lines and drop the next line\'s indentation when a line ends with an odd backslash', () => {
    expect(parsed('list = a, \\\n       b, \\\n  c\nnext=1')).toEqual({ list: 'a, b, c', next: '1' });
  });

  it('should treat a double backslash as a literal backslash when it ends a line', () => {
    expect(parsed('path=C:\\\\\nnext=1')).toEqual({ path: 'C:\\', next: '1' });
  });

  it('should keep "#" as value text when it starts a continued line', () => {
    expect(parsed('a=x\\\n# not a comment')).toEqual({ a: 'x# not a comment' });
  });

  it('should not continue a comment when the comment ends with a backslash', () => {
    expect(parsed('# note \\\na=1')).toEqual({ a: '1' });
  });

  it('should end the value when a continuation is followed by an empty line that is not the last', () => {
    expect(parsed('a=x\\\n\nb=2')).toEqual({ a: 'x', b: '2' });
  });

  it('should decode escapes when keys or values contain them', () => {
    const value = parsed('tab=a\\tb\nnl=a\\nb\nuni=\\u0041\\u00e9\nmy\\ key=v\na\\:b\\=c=d\nplain=\\q');
    expect(value).toEqual({ tab: 'a\tb', nl: 'a\nb', uni: 'Aé', 'my key': 'v', 'a:b=c': 'd', plain: 'q' });
  });

  it('should keep the last value when a key repeats', () => {
    expect(parsed('a=1\na=2')).toEqual({ a: '2' });
  });

  it('should count lines the Java way when lines end with CRLF or a lone CR', () => {
    expect(parsed('a=1\r\nb=2\rc=3\n')).toEqual({ a: '1', b: '2', c: '3' });
    expect(parseProperties('a=1\r\nb=2\rc=\\u1\n')).toEqual({
      ok: false,
      error: { line: 3, column: 3, message: 'malformed \\uXXXX escape "\\u1": expected 4 hex digits' },
    });
  });

  it('should store "__proto__" as an own key when a file defines it', () => {
    const value = parsed('__proto__=x');
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('should return an empty map when the content is empty', () => {
    expect(parsed('')).toEqual({});
  });

  it('should report line and column of the backslash when a \\u escape is malformed', () => {
    expect(parseProperties('a=1\nb=2\nc=\\u12\n')).toEqual({
      ok: false,
      error: { line: 3, column: 3, message: 'malformed \\uXXXX escape "\\u12": expected 4 hex digits' },
    });
  });

  it('should report a bad escape in a key when the key holds it', () => {
    expect(parseProperties('k\\uzz=1')).toEqual({
      ok: false,
      error: { line: 1, column: 2, message: 'malformed \\uXXXX escape "\\uzz": expected 4 hex digits' },
    });
  });

  it('should point at the natural line when the bad escape sits on a continued line', () => {
    const result = parseProperties('a=one \\\n   two\\u00\nb=2');
    expect(result).toEqual({ ok: false, error: { line: 2, column: 7, message: 'malformed \\uXXXX escape "\\u00": expected 4 hex digits' } });
  });

  it('should count code points when the line holds characters outside the BMP', () => {
    const result = parseProperties('😀😀=\\u1');
    expect(result.ok ? null : result.error.column).toBe(4);
  });

  it('should report the trailing backslash when a continuation reaches the end of the file', () => {
    const message = 'line continuation (trailing backslash) at end of file';
    expect(parseProperties('a=1\nb=x\\')).toEqual({ ok: false, error: { line: 2, column: 4, message } });
    expect(parseProperties('a=1\nb=x\\\n')).toEqual({ ok: false, error: { line: 2, column: 4, message } });
    expect(parseProperties('b=x\\\r\n  \r\n\t\n')).toEqual({ ok: false, error: { line: 1, column: 4, message } });
  });
});

describe('codePointColumn', () => {
  it('should count a surrogate pair as one column when computing a column', () => {
    expect(codePointColumn('a😀b', 0, 3)).toBe(3);
    expect(codePointColumn('xx\na😀b', 3, 6)).toBe(3);
    expect(codePointColumn('abc', 0, 0)).toBe(1);
  });
});
