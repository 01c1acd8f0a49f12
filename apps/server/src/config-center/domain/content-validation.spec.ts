import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error';
import { checkContent, compileSchema, parseStructured, validateConfigContent } from './content-validation';

const MB = 1024 * 1024;

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

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
    const error = caught(() => parseStructured('json', '{"a":1,}'));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([
      { field: 'content', rule: 'syntax', message: 'line 1, column 8: Expected double-quoted property name in JSON', line: 1, column: 8 },
    ]);
  });
});

describe('compileSchema', () => {
  const portSchema = JSON.stringify({
    type: 'object',
    properties: { server: { type: 'object', properties: { port: { type: 'integer' }, host: { type: 'string' } } } },
  });

  it('should report JSON pointer paths when values break the schema', () => {
    const schema = compileSchema(portSchema);
    expect(schema.validate({ server: { port: 'x', host: 1 } })).toEqual([
      { path: '/server/port', message: 'must be integer' },
      { path: '/server/host', message: 'must be string' },
    ]);
    expect(schema.validate([])).toEqual([{ path: '', message: 'must be object' }]);
    expect(schema.validate({ server: { port: 1 } })).toEqual([]);
  });

  it('should name the extra property when additionalProperties is false', () => {
    const schema = compileSchema('{"type":"object","additionalProperties":false,"properties":{"a":{}}}');
    expect(schema.validate({ a: 1, typo: 2 })).toEqual([{ path: '', message: "must NOT have additional properties: 'typo'" }]);
  });

  it('should return the cached schema when the same text is compiled again', () => {
    expect(compileSchema(portSchema)).toBe(compileSchema(portSchema));
  });

  it('should evict the oldest schema when more than 256 distinct schemas are compiled', () => {
    const first = compileSchema('{"title":"evict-me"}');
    for (let i = 0; i < 256; i++) compileSchema(`{"title":"filler-${i}"}`);
    expect(compileSchema('{"title":"evict-me"}')).not.toBe(first);
  });

  it('should compile both when two schemas share an $id', () => {
    const a = compileSchema('{"$id":"https://example.com/app","type":"string"}');
    const b = compileSchema('{"$id":"https://example.com/app","type":"integer"}');
    expect(a.validate(1)).toEqual([{ path: '', message: 'must be string' }]);
    expect(b.validate(1)).toEqual([]);
  });

  it('should honour the draft when $schema names draft-07 or 2020-12', () => {
    const draft07 = compileSchema('{"$schema":"http://json-schema.org/draft-07/schema#","items":[{"type":"string"}]}');
    const draft2020 = compileSchema('{"$schema":"https://json-schema.org/draft/2020-12/schema","prefixItems":[{"type":"string"}]}');
    expect(draft07.validate([1])).toEqual([{ path: '/0', message: 'must be string' }]);
    expect(draft2020.validate([1])).toEqual([{ path: '/0', message: 'must be string' }]);
  });

  it('should throw a schema syntax violation with line and column when the text is not JSON', () => {
    const error = caught(() => compileSchema('{\n  "type": "object",\n}'));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([
      { field: 'schema', rule: 'syntax', message: 'line 3, column 1: Expected double-quoted property name in JSON', line: 3, column: 1 },
    ]);
  });

  it('should throw a json-schema violation when the schema breaks the meta-schema', () => {
    const error = caught(() => compileSchema('{"type":"integr"}'));
    expect(error.details).toEqual([expect.objectContaining({ field: 'schema', rule: 'json-schema' })]);
    expect((error.details as { message: string }[])[0].message).toContain('schema/type must be equal to one of the allowed values');
  });

  it('should throw a json-schema violation when the schema is not an object or boolean', () => {
    expect(caught(() => compileSchema('[1]')).details).toEqual([
      { field: 'schema', rule: 'json-schema', message: 'must be a JSON Schema object (or true/false)' },
    ]);
    expect(compileSchema('true').validate(42)).toEqual([]);
  });

  it('should throw a json-schema violation when a $ref resolves nowhere', () => {
    const error = caught(() => compileSchema('{"$ref":"#/$defs/missing"}'));
    expect(error.details).toEqual([
      { field: 'schema', rule: 'json-schema', message: "can't resolve reference #/$defs/missing from id #" },
    ]);
  });

  it('should throw a json-schema violation when $schema names an unsupported draft', () => {
    const error = caught(() => compileSchema('{"$schema":"http://json-schema.org/draft-04/schema#"}'));
    expect(error.details).toEqual([
      {
        field: 'schema',
        rule: 'json-schema',
        message: 'unsupported $schema "http://json-schema.org/draft-04/schema#": use draft-07, 2019-09 or 2020-12 (the default)',
      },
    ]);
  });
});

describe('validateConfigContent', () => {
  const schema = JSON.stringify({
    type: 'object',
    required: ['server'],
    properties: { server: { type: 'object', properties: { port: { type: 'integer', maximum: 65535 } } } },
  });

  it('should pass when the content is valid and no schema is attached', () => {
    expect(() => validateConfigContent('json', '{"a":1}', null)).not.toThrow();
    expect(() => validateConfigContent('text', 'anything', null)).not.toThrow();
  });

  it('should pass when the content satisfies the schema', () => {
    expect(() => validateConfigContent('yaml', 'server:\n  port: 8080\n', schema)).not.toThrow();
    expect(() => validateConfigContent('toml', '[server]\nport = 8080\n', schema)).not.toThrow();
  });

  it('should throw a content syntax violation when the content does not parse', () => {
    const error = caught(() => validateConfigContent('json', '{\n  "a": 1,\n}', schema));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([
      { field: 'content', rule: 'syntax', message: 'line 3, column 1: Expected double-quoted property name in JSON', line: 3, column: 1 },
    ]);
  });

  it('should throw one violation per schema problem when the content breaks the schema', () => {
    const error = caught(() => validateConfigContent('yaml', 'server:\n  port: "x"\n', schema));
    expect(error.details).toEqual([{ field: 'content/server/port', rule: 'schema', message: 'must be integer' }]);
    const both = caught(() => validateConfigContent('json', '{"server":{"port":70000},"x":1}', JSON.stringify({ ...JSON.parse(schema), additionalProperties: false })));
    expect(both.details).toEqual([
      { field: 'content', rule: 'schema', message: "must NOT have additional properties: 'x'" },
      { field: 'content/server/port', rule: 'schema', message: 'must be <= 65535' },
    ]);
  });

  it('should validate only the first document when YAML holds several', () => {
    expect(() => validateConfigContent('yaml', 'server:\n  port: 1\n---\nserver: nope\n', schema)).not.toThrow();
  });

  it('should validate the empty YAML value as null when the content is empty', () => {
    expect(caught(() => validateConfigContent('yaml', '', schema)).details).toEqual([
      { field: 'content', rule: 'schema', message: 'must be object' },
    ]);
  });

  it('should validate properties as a flat map of strings when the type is properties', () => {
    const flat = '{"required":["server.port"],"properties":{"server.port":{"type":"string","pattern":"^[0-9]+$"}}}';
    expect(() => validateConfigContent('properties', 'server.port=8080', flat)).not.toThrow();
    expect(caught(() => validateConfigContent('properties', 'server.port=http', flat)).details).toEqual([
      { field: 'content/server.port', rule: 'schema', message: 'must match pattern "^[0-9]+$"' },
    ]);
  });

  it('should escape "/" in the field path when a key contains it', () => {
    const slash = '{"properties":{"a/b":{"type":"integer"}}}';
    expect(caught(() => validateConfigContent('json', '{"a/b":"x"}', slash)).details).toEqual([
      { field: 'content/a~1b', rule: 'schema', message: 'must be integer' },
    ]);
  });

  it('should reject the schema when the type cannot carry one', () => {
    const message = 'a schema applies only to json, yaml, toml or properties content, not xml';
    expect(caught(() => validateConfigContent('xml', '<a/>', schema)).details).toEqual([{ field: 'schema', rule: 'type', message }]);
  });

  it('should report content and schema problems together when both are wrong', () => {
    expect(caught(() => validateConfigContent('xml', '<a>', schema)).details).toEqual([
      { field: 'content', rule: 'syntax', message: "line 1, column 1: Unclosed tag 'a'.", line: 1, column: 1 },
      { field: 'schema', rule: 'type', message: 'a schema applies only to json, yaml, toml or properties content, not xml' },
    ]);
    expect(caught(() => validateConfigContent('json', '{', '{"type":"integr"}')).details).toEqual([
      { field: 'content', rule: 'syntax', message: "line 1, column 2: Expected property name or '}' in JSON", line: 1, column: 2 },
      expect.objectContaining({ field: 'schema', rule: 'json-schema' }),
    ]);
  });

  it('should throw a schema violation when the schema text is not JSON', () => {
    expect(caught(() => validateConfigContent('json', '{}', 'nope')).details).toEqual([
      { field: 'schema', rule: 'syntax', message: "line 1, column 2: Unexpected token 'o'", line: 1, column: 2 }, // "n" may still start null
    ]);
  });

  it('should cap schema violations at 50 and summarise the rest when there are more', () => {
    const items = JSON.stringify(Array.from({ length: 60 }, () => 'x'));
    const error = caught(() => validateConfigContent('json', items, '{"items":{"type":"integer"}}'));
    const details = error.details as { field: string; message: string }[];
    expect(details).toHaveLength(51);
    expect(details[49]).toEqual({ field: 'content/49', rule: 'schema', message: 'must be integer' });
    expect(details[50]).toEqual({ field: 'content', rule: 'schema', message: '10 more schema violations not shown' });
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
