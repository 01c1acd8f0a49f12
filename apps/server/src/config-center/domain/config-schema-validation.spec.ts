import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error';
import { compileSchema } from './config-schema-validation';
import { validateConfigContent } from './content-validation';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

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

// A schema meets the content in validateConfigContent (content-validation.ts).
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
