import { describe, expect, it } from 'vitest';
import { parseProperties, PropertiesSyntaxError } from './properties.js';

describe('parseProperties', () => {
  it('should read = : and whitespace separators and skip comments when the text is plain', () => {
    const text = ['# comment', '! also a comment', 'a=1', 'b : two', 'c   three words', '  d=  padded', 'empty=', 'bare'].join('\n');
    expect(parseProperties(text)).toEqual({ a: '1', b: 'two', c: 'three words', d: 'padded', empty: '', bare: '' });
  });

  it('should join continued lines without their leading whitespace when a line ends with an odd backslash', () => {
    expect(parseProperties('list=a,\\\n    b,\\\n    c\nnext=x')).toEqual({ list: 'a,b,c', next: 'x' });
    expect(parseProperties('path=C:\\\\\nnext=x')).toEqual({ path: 'C:\\', next: 'x' });
  });

  it('should decode escapes when keys and values carry them', () => {
    expect(parseProperties('key\\ with\\=sep=tab\\there\\u00e9\\n')).toEqual({ 'key with=sep': 'tab\there\u00e9\n' });
  });

  it('should end lines at \\r\\n and \\r as Java does', () => {
    expect(parseProperties('a=1\r\nb=2\rc=3')).toEqual({ a: '1', b: '2', c: '3' });
  });

  it('should keep the last value when a key repeats and keep __proto__ a plain key', () => {
    const parsed = parseProperties('a=1\na=2\n__proto__=x');
    expect(parsed.a).toBe('2');
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toBe('x');
  });

  it('should report the line and column of a malformed \\u escape', () => {
    const error = (() => {
      try {
        parseProperties('ok=1\nbad=ab\\u12G4');
      } catch (e) {
        return e as PropertiesSyntaxError;
      }
    })();
    expect(error).toBeInstanceOf(PropertiesSyntaxError);
    expect([error?.line, error?.column]).toEqual([2, 7]);
  });

  it('should report a continuation at the end of the text', () => {
    expect(() => parseProperties('a=1\nb=2\\\n\n')).toThrow(expect.objectContaining({ line: 2, column: 4 }));
  });
});
