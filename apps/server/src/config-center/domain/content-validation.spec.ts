import { describe, expect, it } from 'vitest';
import { checkContent, parseStructured } from './content-validation';

const MB = 1024 * 1024;

// Nested maps, and one flat map of ~40k keys: the worst case for a duplicate-key check.
function bigYaml(shape: 'nested' | 'flat', bytes = MB): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = shape === 'nested' ? `service${i}:\n  name: "svc ${i} é😀"\n  port: ${i}\n  tags: [a, b, c]\n` : `key${i}: value ${i} é😀\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

function bigJson(bytes = MB): string {
  const items: { id: number; name: string; tags: string[] }[] = [];
  for (let i = 0; items.length * 60 < bytes; i++) items.push({ id: i, name: `svc ${i} é😀`, tags: ['a', 'b'] });
  return JSON.stringify(items, null, 2);
}

// What these checks cost as content grows (linear, not quadratic) is measured by the bench's
// large config checks, over HTTP, on the same shapes of content.

describe('checkContent', () => {
  it('should accept anything when the type is text or html', () => {
    expect(checkContent('text', '{ not json \u0000')).toEqual([]);
    expect(checkContent('html', '<div><p>unclosed')).toEqual([]);
  });

  it('should report line and column when JSON has a trailing comma', () => {
    expect(checkContent('json', '{\n  "a": 1,\n}')).toEqual([
      { line: 3, column: 1, message: 'Expected double-quoted property name in JSON' },
    ]);
  });

  it('should locate the token when V8 names no position', () => {
    expect(checkContent('json', '{\n  "a": tx\n}')).toEqual([{ line: 2, column: 9, message: "Unexpected token 'x'" }]);
    expect(checkContent('json', '[1,]')).toEqual([{ line: 1, column: 4, message: "Unexpected token ']'" }]);
    expect(checkContent('json', "{\"a\": 'b'}")).toEqual([{ line: 1, column: 7, message: "Unexpected token '''" }]);
  });

  it('should reject empty JSON when the content is empty or blank', () => {
    expect(checkContent('json', '')).toEqual([{ line: 1, column: 1, message: 'Unexpected end of JSON input' }]);
    expect(checkContent('json', ' \n ')).toEqual([{ line: 1, column: 1, message: 'Unexpected end of JSON input' }]);
  });

  it('should report the end of the last written line when JSON is truncated', () => {
    expect(checkContent('json', '{\n  "a":\n\n')).toEqual([{ line: 2, column: 7, message: 'Unexpected end of JSON input' }]);
    expect(checkContent('json', '{\n  "a": tru')).toEqual([{ line: 2, column: 11, message: 'Unexpected end of JSON input' }]);
  });

  it('should escape the token when V8 stops at a newline', () => {
    expect(checkContent('json', '{\n  "a": tru\n}')).toEqual([{ line: 2, column: 11, message: "Unexpected token '\\n'" }]);
  });

  it('should name the whole character when the unexpected token is an emoji', () => {
    expect(checkContent('json', '{"a": 😀}')).toEqual([{ line: 1, column: 7, message: "Unexpected token '😀'" }]);
  });

  it('should drop the position from the message when V8 reports text after the JSON value', () => {
    expect(checkContent('json', '{"a":1}\nx')).toEqual([{ line: 2, column: 1, message: 'Unexpected non-whitespace character after JSON' }]);
  });

  it('should ignore a BOM when the content starts with one', () => {
    expect(checkContent('json', '\uFEFF{"a":1}')).toEqual([]);
    expect(checkContent('json', '\uFEFF{"a":1,}')[0]).toMatchObject({ line: 1, column: 8 });
    expect(checkContent('yaml', '\uFEFFa: 1\nb: : 2')[0]).toMatchObject({ line: 2, column: 4 });
    expect(checkContent('xml', '\uFEFF<?xml version="1.0"?>\n<a/>')).toEqual([]);
  });

  it('should keep line numbers right when lines end with CRLF', () => {
    expect(checkContent('json', '{\r\n  "a": 1,\r\n}')[0]).toMatchObject({ line: 3, column: 1 });
    expect(checkContent('yaml', 'a: 1\r\nb: : 2\r\n')[0]).toMatchObject({ line: 2, column: 4 });
    expect(checkContent('toml', 'a = 1\r\nb = \r\n')[0]).toMatchObject({ line: 2, column: 5 });
    expect(checkContent('xml', '<a>\r\n  <b>\r\n</a>')[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('should count characters, not UTF-16 units, when columns follow non-ASCII text', () => {
    expect(checkContent('json', '{"😀é": x}')[0]).toMatchObject({ line: 1, column: 8 });
    expect(checkContent('yaml', 'key: "😀😀" x\n')[0]).toMatchObject({ line: 1, column: 11 });
    expect(checkContent('toml', 'a = "😀😀" x\n')[0]).toMatchObject({ line: 1, column: 10 });
    expect(checkContent('xml', '<a>😀😀<b x="1" x="2"/></a>')[0]).toMatchObject({ line: 1, column: 15 });
  });

  it('should reject duplicate keys when YAML repeats a key', () => {
    expect(checkContent('yaml', 'a: 1\na: 2\n')).toEqual([{ line: 2, column: 1, message: 'Map keys must be unique' }]);
  });

  it('should report every error when YAML has several', () => {
    expect(checkContent('yaml', '- a\nb: 1\n')).toEqual([
      { line: 2, column: 1, message: 'Unexpected scalar at node end' },
      { line: 2, column: 2, message: 'Unexpected map-value-ind token in YAML stream: ":"' },
      { line: 2, column: 4, message: 'Unexpected scalar token in YAML stream: "1"' },
    ]);
  });

  it('should accept YAML when the content is empty, comments only or several documents', () => {
    expect(checkContent('yaml', '')).toEqual([]);
    expect(checkContent('yaml', '# nothing yet\n')).toEqual([]);
    expect(checkContent('yaml', 'a: 1\n---\nb: 2\n')).toEqual([]);
  });

  it('should report the line in the later document when a later YAML document is broken', () => {
    expect(checkContent('yaml', 'a: 1\n---\nb: 2\nc: x: y\n')).toEqual([
      { line: 4, column: 4, message: 'Nested mappings are not allowed in compact mappings' },
    ]);
  });

  it('should point at the alias when a YAML alias has no anchor', () => {
    expect(checkContent('yaml', 'a: 1\nb: *nope\n')).toEqual([
      { line: 2, column: 4, message: 'Unresolved alias (the anchor must be set before the alias): nope' },
    ]);
  });

  it('should reject an alias bomb when YAML expands aliases too often', () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) {
      const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    expect(checkContent('yaml', lines.join('\n'))).toEqual([
      { line: 2, column: 8, message: 'Excessive alias count indicates a resource exhaustion attack' },
    ]);
  });

  it('should reject a redefined key when TOML repeats a key', () => {
    expect(checkContent('toml', 'a = 1\na = 2\n')).toEqual([
      { line: 2, column: 1, message: 'trying to redefine an already defined table or value' },
    ]);
  });

  it('should accept TOML and properties when the content is empty', () => {
    expect(checkContent('toml', '')).toEqual([]);
    expect(checkContent('properties', '')).toEqual([]);
  });

  it('should report the closing tag when an XML element is left open', () => {
    expect(checkContent('xml', '<a>\n  <b>\n</a>')).toEqual([
      { line: 3, column: 1, message: "Expected closing tag 'b' (opened in line 2, col 3) instead of closing tag 'a'." },
    ]);
    expect(checkContent('xml', '<config><b></b>')).toEqual([{ line: 1, column: 1, message: "Unclosed tag 'config'." }]);
  });

  it('should reject empty XML when there is no root element', () => {
    expect(checkContent('xml', '')).toEqual([{ line: 1, column: 1, message: 'Start tag expected.' }]);
  });

  it('should report line 3 when a properties file has a bad \\u escape on line 3', () => {
    expect(checkContent('properties', 'a=1\nb=2\nc=\\u12\n')).toEqual([
      { line: 3, column: 3, message: 'malformed \\uXXXX escape "\\u12": expected 4 hex digits' },
    ]);
  });

  it('should agree with the full properties parser when the content has no backslash', () => {
    // checkContent skips the parser for such content: only escapes and continuations can fail.
    const samples = ['=', ':', ' key', 'key', '  = value', 'a=b\n=c\n:d', '\u00e9=ü', '#x\n!y\n  \t\f', 'k v w', '😀=😀\r\nx\ry'];
    for (const sample of samples) {
      expect(checkContent('properties', sample)).toEqual([]);
      expect(parseStructured('properties', sample)).toBeTypeOf('object');
    }
  });

  it('should accept 1 MB of JSON when the content is large', () => {
    const json = bigJson();
    expect(json.length).toBeGreaterThanOrEqual(MB);
    expect(checkContent('json', json)).toEqual([]);
  });

  it('should accept 1 MB of YAML, nested or one flat map, when the content is large', () => {
    for (const shape of ['nested', 'flat'] as const) {
      const yaml = bigYaml(shape);
      expect(yaml.length).toBeGreaterThanOrEqual(MB);
      expect(checkContent('yaml', yaml)).toEqual([]);
    }
  });

  it('should locate errors at the end of 1 MB when large content is broken at the end', () => {
    const brokenJson = `${bigJson(MB).slice(0, -2)},\n]`; // "Unexpected token ']'": found by bisection
    expect(checkContent('json', brokenJson)).toEqual([{ line: brokenJson.split('\n').length, column: 1, message: "Unexpected token ']'" }]);

    const yaml = `${bigYaml('flat', MB)}key0: again\nbroken: : x\n`;
    const lastLine = yaml.split('\n').length - 1;
    expect(checkContent('yaml', yaml)).toEqual([
      { line: lastLine - 1, column: 1, message: 'Map keys must be unique' },
      { line: lastLine, column: 9, message: 'Nested mappings are not allowed in compact mappings' },
    ]);
  });
});

describe('parseStructured', () => {
  it('should return the parsed value when the type is json, toml or properties', () => {
    expect(parseStructured('json', '{"a":[1,true,null]}')).toEqual({ a: [1, true, null] });
    expect(parseStructured('toml', 'title = "x"\n[server]\nport = 8080\n')).toEqual({ title: 'x', server: { port: 8080 } });
    expect(parseStructured('properties', 'server.port=8080\nname = demo')).toEqual({ 'server.port': '8080', name: 'demo' });
  });

  it('should return the first document when YAML holds several', () => {
    expect(parseStructured('yaml', 'server:\n  port: 8080\n---\nother: 1\n')).toEqual({ server: { port: 8080 } });
  });

  it('should return null or an empty map when the structured content is empty', () => {
    expect(parseStructured('yaml', '')).toBeNull();
    expect(parseStructured('toml', '')).toEqual({});
    expect(parseStructured('properties', '')).toEqual({});
  });

  it('should return undefined when the type has no value model', () => {
    expect(parseStructured('text', 'a=1')).toBeUndefined();
    expect(parseStructured('xml', '<a/>')).toBeUndefined();
    expect(parseStructured('html', '<p>')).toBeUndefined();
  });

  it('should throw a content syntax violation when the content does not parse', () => {
    expect(() => parseStructured('json', '{"a":1,}')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'content', rule: 'syntax', message: 'line 1, column 8: Expected double-quoted property name in JSON', line: 1, column: 8 }],
      }),
    );
  });
});

describe('yaml warnings', () => {
  it('should not write warnings quoting the content to the process (stderr)', async () => {
    const warnings: string[] = [];
    const listener = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listener);
    try {
      checkContent('yaml', '%%%\n---\na: 1\n');
      parseStructured('yaml', '? [a, b]\n: secret-value\n');
      // process.emitWarning delivers on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    expect(warnings).toEqual([]);
  });
});
