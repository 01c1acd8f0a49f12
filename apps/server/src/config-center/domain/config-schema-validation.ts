import type { FieldViolation } from '@switchboard/shared';
import type { ErrorObject, Options as AjvOptions, ValidateFunction } from 'ajv';
import type AjvCore from 'ajv/dist/core';
import { DomainError, fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { lazyRequire } from '../../common/lazy-require';
import { jsonViolation, messageOf, syntaxViolation } from './content-error-locator';

const ajv07 = lazyRequire<typeof import('ajv')>('ajv');
const ajv2019 = lazyRequire<typeof import('ajv/dist/2019')>('ajv/dist/2019');
const ajv2020 = lazyRequire<typeof import('ajv/dist/2020')>('ajv/dist/2020');

// The JSON Schema a config's parsed content is checked against (drafts 07, 2019-09, 2020-12).

export interface SchemaViolation {
  path: string; // JSON pointer into the parsed content, "" for the root
  message: string;
}

export type CompiledSchema = { validate(value: unknown): SchemaViolation[] };

const MAX_SCHEMA_VIOLATIONS = 50; // allErrors on a long array could otherwise list thousands
const SCHEMA_CACHE_SIZE = 256;

type Draft = '07' | '2019-09' | '2020-12';

const DRAFTS = new Map<string, Draft>([
  ['json-schema.org/draft-07/schema', '07'],
  ['json-schema.org/draft/2019-09/schema', '2019-09'],
  ['json-schema.org/draft/2020-12/schema', '2020-12'],
]);

// strict: false because real-world schemas carry vendor keywords ("x-…") and formats we have no
// checker for (ajv-formats is not a dependency); unknown keywords and formats are ignored, as the spec allows.
const AJV_OPTIONS: AjvOptions = { allErrors: true, strict: false, logger: false };

const metaValidators = new Map<Draft, AjvCore>();
const schemaCache = new Map<string, CompiledSchema>();

export function compileSchema(schemaText: string): CompiledSchema {
  const cached = schemaCache.get(schemaText);
  if (cached) {
    schemaCache.delete(schemaText); // re-insert: the Map's order doubles as least-recently-used order
    schemaCache.set(schemaText, cached);
    return cached;
  }
  const compiled = compileUncached(schemaText);
  if (schemaCache.size >= SCHEMA_CACHE_SIZE) {
    const oldest = schemaCache.keys().next();
    if (!oldest.done) schemaCache.delete(oldest.value);
  }
  schemaCache.set(schemaText, compiled);
  return compiled;
}

// The schema's verdict on the content's parsed value, as violations of fields under "content".
export function contentSchemaViolations(schema: CompiledSchema, value: unknown): FieldViolation[] {
  const schemaViolations = schema.validate(value);
  const violations = schemaViolations
    .slice(0, MAX_SCHEMA_VIOLATIONS)
    .map((v) => fieldViolation(`content${v.path}`, 'schema', v.message));
  if (schemaViolations.length > MAX_SCHEMA_VIOLATIONS) {
    violations.push(fieldViolation('content', 'schema', `${schemaViolations.length - MAX_SCHEMA_VIOLATIONS} more schema violations not shown`));
  }
  return violations;
}

function compileUncached(schemaText: string): CompiledSchema {
  const text = schemaText.charCodeAt(0) === 0xfeff ? schemaText.slice(1) : schemaText;
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw validationFailed([syntaxViolation('schema', jsonViolation(text, messageOf(error)))]);
  }
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    throw invalidSchema('must be a JSON Schema object (or true/false)');
  }
  const draft = draftOf(schema);
  const meta = metaValidator(draft);
  if (!meta.validateSchema(schema)) throw invalidSchema(meta.errorsText(meta.errors, { dataVar: 'schema' }));

  // A fresh instance per schema: ajv registers every $id it compiles, so a shared one would refuse
  // an edited schema that keeps its $id, and would grow forever. Compiling costs well under 1 ms.
  const ajv = newAjv(draft, { ...AJV_OPTIONS, validateSchema: false, meta: false });
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw invalidSchema(messageOf(error)); // e.g. a $ref that resolves nowhere (remote refs are never fetched)
  }
  return {
    validate(value: unknown): SchemaViolation[] {
      if (validate(value)) return [];
      return (validate.errors ?? []).map(toSchemaViolation);
    },
  };
}

function toSchemaViolation(error: ErrorObject): SchemaViolation {
  const message = error.message ?? `fails "${error.keyword}"`;
  // ajv's text does not say which property is extra; the user needs it to find the typo.
  if (error.keyword === 'additionalProperties') {
    return { path: error.instancePath, message: `${message}: '${String(error.params.additionalProperty)}'` };
  }
  return { path: error.instancePath, message };
}

function draftOf(schema: object | boolean): Draft {
  if (typeof schema !== 'object' || !('$schema' in schema)) return '2020-12';
  const declared = schema.$schema;
  const key = typeof declared === 'string' ? declared.replace(/^https?:\/\//, '').replace(/#$/, '') : '';
  const draft = DRAFTS.get(key);
  if (!draft) throw invalidSchema(`unsupported $schema ${JSON.stringify(declared)}: use draft-07, 2019-09 or 2020-12 (the default)`);
  return draft;
}

function metaValidator(draft: Draft): AjvCore {
  let ajv = metaValidators.get(draft);
  if (!ajv) {
    ajv = newAjv(draft, AJV_OPTIONS); // only ever validates schemas, so it never accumulates user $ids
    metaValidators.set(draft, ajv);
  }
  return ajv;
}

function newAjv(draft: Draft, options: AjvOptions): AjvCore {
  if (draft === '07') return new (ajv07().default)(options);
  if (draft === '2019-09') return new (ajv2019().default)(options);
  return new (ajv2020().default)(options);
}

function invalidSchema(message: string): DomainError<'VALIDATION_FAILED'> {
  return validationFailed([fieldViolation('schema', 'json-schema', message)]);
}
