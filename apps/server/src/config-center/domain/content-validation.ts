import type { ConfigType, FieldViolation } from '@switchboard/shared';
import type { ErrorObject, Options as AjvOptions, ValidateFunction } from 'ajv';
import type AjvCore from 'ajv/dist/core';
import type { Document } from 'yaml';
import { assertUnreachable } from '../../common/errors/assert-unreachable';
import { DomainError, fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { lazyRequire } from '../../common/lazy-require';
import { codePointColumn, parseProperties } from './properties-parser';

const yaml = lazyRequire<typeof import('yaml')>('yaml');
const toml = lazyRequire<typeof import('smol-toml')>('smol-toml');
const xml = lazyRequire<typeof import('fast-xml-parser')>('fast-xml-parser');
const ajv07 = lazyRequire<typeof import('ajv')>('ajv');
const ajv2019 = lazyRequire<typeof import('ajv/dist/2019')>('ajv/dist/2019');
const ajv2020 = lazyRequire<typeof import('ajv/dist/2020')>('ajv/dist/2020');

// Syntax and JSON Schema checks for config content, run before every publish.
// Every line/column reported here is 1-based; columns count Unicode code points (what an editor
// shows), not UTF-16 units or bytes. A leading BOM is ignored and does not shift columns.

export interface ContentViolation {
  line: number;
  column: number;
  message: string;
}

export interface SchemaViolation {
  path: string; // JSON pointer into the parsed content, "" for the root
  message: string;
}

export type CompiledSchema = { validate(value: unknown): SchemaViolation[] };

const SCHEMA_TYPES: ReadonlySet<ConfigType> = new Set(['json', 'yaml', 'toml', 'properties']);
const MAX_CONTENT_VIOLATIONS = 10; // yaml can cascade one mistake into many errors
const MAX_SCHEMA_VIOLATIONS = 50; // allErrors on a long array could otherwise list thousands
const SCHEMA_CACHE_SIZE = 256;
const NULL_KEY = Symbol('null key');

interface Analysis {
  violations: ContentViolation[];
  value: unknown;
}

export function checkContent(type: ConfigType, content: string): ContentViolation[] {
  return analyse(type, content, false).violations;
}

// Throws validationFailed (field "content") when the content does not parse; check it first.
export function parseStructured(type: ConfigType, content: string): unknown {
  if (!SCHEMA_TYPES.has(type)) return undefined;
  const { violations, value } = analyse(type, content, true);
  if (violations.length > 0) throw validationFailed(violations.map(toContentFieldViolation));
  return value;
}

export function validateConfigContent(type: ConfigType, content: string, schemaText: string | null): void {
  const { violations: contentViolations, value } = analyse(type, content, schemaText !== null);
  const violations = contentViolations.map(toContentFieldViolation);
  let schema: CompiledSchema | undefined;
  if (schemaText !== null) {
    if (!SCHEMA_TYPES.has(type)) {
      violations.push(fieldViolation('schema', 'type', `a schema applies only to json, yaml, toml or properties content, not ${type}`));
    } else {
      try {
        schema = compileSchema(schemaText);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        violations.push(...(error.details as FieldViolation[]));
      }
    }
  }
  if (violations.length === 0 && schema) {
    const schemaViolations = schema.validate(value);
    for (const v of schemaViolations.slice(0, MAX_SCHEMA_VIOLATIONS)) {
      violations.push(fieldViolation(`content${v.path}`, 'schema', v.message));
    }
    if (schemaViolations.length > MAX_SCHEMA_VIOLATIONS) {
      violations.push(fieldViolation('content', 'schema', `${schemaViolations.length - MAX_SCHEMA_VIOLATIONS} more schema violations not shown`));
    }
  }
  if (violations.length > 0) throw validationFailed(violations);
}

function toContentFieldViolation(v: ContentViolation): FieldViolation {
  return { ...fieldViolation('content', 'syntax', `line ${v.line}, column ${v.column}: ${v.message}`), line: v.line, column: v.column };
}

// `wantValue`: the parsed value is needed (for a schema); without it, an analysis may only check.
function analyse(type: ConfigType, content: string, wantValue: boolean): Analysis {
  // Editors on Windows save a BOM; no parser below wants it and users never see it.
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  switch (type) {
    case 'text':
    case 'html': // stored as text; browsers accept any HTML, so there is nothing to reject
      return { violations: [], value: undefined };
    case 'json':
      return analyseJson(text);
    case 'yaml':
      return analyseYaml(text);
    case 'toml':
      return analyseToml(text);
    case 'xml':
      return analyseXml(text);
    case 'properties': {
      // Only escapes and line continuations (both start with a backslash) can be malformed.
      if (!wantValue && !text.includes('\\')) return { violations: [], value: undefined };
      const result = parseProperties(text);
      return result.ok ? { violations: [], value: result.value } : { violations: [result.error], value: undefined };
    }
    default:
      return assertUnreachable(type);
  }
}

// Line starts are found once, lazily, so locating an error stays linear in the content size.
class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  // offset: UTF-16 index into the text, as JSON.parse and yaml report it
  at(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    const target = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= target) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: codePointColumn(this.text, starts[lo], target) };
  }

  // For parsers that report a line and a UTF-16 column themselves (smol-toml, fast-xml-parser).
  fromLineColumn(line: number, utf16Column: number): { line: number; column: number } {
    const starts = this.lineStarts();
    const index = Math.max(1, Math.min(line, starts.length)) - 1;
    const lineEnd = index + 1 < starts.length ? starts[index + 1] - 1 : this.text.length;
    return this.at(Math.min(starts[index] + Math.max(utf16Column, 1) - 1, lineEnd));
  }

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }
}

function analyseJson(text: string): Analysis {
  try {
    return { violations: [], value: JSON.parse(text) as unknown };
  } catch (error) {
    return { violations: [jsonViolation(text, messageOf(error))], value: undefined };
  }
}

function jsonViolation(text: string, message: string): ContentViolation {
  const lines = new LineIndex(text);
  const position = / at position (\d+)/.exec(message);
  if (position) return { ...lines.at(Number(position[1])), message: cleanJsonMessage(message) };
  if (message.startsWith('Unexpected end of JSON input')) return { ...lines.at(endOfSignificantText(text)), message };
  const offset = locateJsonError(text, cleanJsonMessage(message));
  const char = text.codePointAt(offset);
  if (!message.startsWith('Unexpected token') || char === undefined) return { ...lines.at(offset), message: cleanJsonMessage(message) };
  // V8 quotes one UTF-16 unit (half an emoji) and raw newlines: name the whole character, escaped if invisible.
  const token = char < 0x20 ? JSON.stringify(String.fromCodePoint(char)).slice(1, -1) : String.fromCodePoint(char);
  return { ...lines.at(offset), message: `Unexpected token '${token}'` };
}

// V8 names the position for most errors, but "Unexpected token 'x', ..." carries only a snippet.
// JSON.parse reads left to right, so every prefix that contains the bad token fails the same way
// and every shorter one fails differently (end of input): bisect for the shortest such prefix.
function locateJsonError(text: string, cleanedMessage: string): number {
  let lo = 0;
  let hi = text.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (failsWith(text.slice(0, mid), cleanedMessage)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

function failsWith(text: string, cleanedMessage: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch (error) {
    return cleanJsonMessage(messageOf(error)) === cleanedMessage;
  }
}

// Drops the position (we report line/column instead) and V8's quoted copy of the source.
function cleanJsonMessage(message: string): string {
  const token = /^(Unexpected token .+?), (?:\.\.\.)?"/s.exec(message);
  if (token) return token[1];
  return message.replace(/ at position \d+.*$/s, '');
}

// "Unexpected end" belongs after the last thing written, not on the trailing blank line.
function endOfSignificantText(text: string): number {
  let end = text.length;
  while (end > 0 && ' \t\r\n'.includes(text[end - 1])) end--;
  return end;
}

function analyseYaml(text: string): Analysis {
  // YAML 1.2 core schema. Duplicate keys stay an error, but yaml's own check compares every key with
  // all earlier ones (a 1 MB flat map took seconds), so it is off here and redone with a Set below.
  // logLevel 'error': yaml's warnings would go to the process's stderr, quoting the content.
  const docs = yaml().parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const problems: { offset: number; message: string }[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) problems.push({ offset: error.pos[0], message: error.message });
    for (const offset of duplicateKeyOffsets(doc)) problems.push({ offset, message: 'Map keys must be unique' });
  }
  const lines = new LineIndex(text);
  if (problems.length > 0) {
    const first = problems.sort((a, b) => a.offset - b.offset).slice(0, MAX_CONTENT_VIOLATIONS);
    return { violations: first.map((p) => ({ ...lines.at(p.offset), message: p.message })), value: undefined };
  }

  // Aliases are resolved only when converting; an unknown anchor or an alias bomb shows up here.
  let value: unknown = null; // an empty stream reads as null, like an empty document
  for (const [i, doc] of docs.entries()) {
    try {
      const converted: unknown = doc.toJS();
      if (i === 0) value = converted; // a schema applies to the first document only
    } catch (error) {
      return { violations: [{ ...lines.at(aliasOffset(doc)), message: messageOf(error) }], value: undefined };
    }
  }
  return { violations: [], value };
}

// Same equality as yaml's uniqueKeys: scalar keys by value; collection and alias keys never collide.
function duplicateKeyOffsets(doc: Document.Parsed): number[] {
  const offsets: number[] = [];
  const { isScalar, visit } = yaml();
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (key !== null && !isScalar(key)) continue;
        const id = key === null ? NULL_KEY : key.value;
        if (seen.has(id)) offsets.push(key?.range?.[0] ?? map.range?.[0] ?? 0);
        else seen.add(id);
      }
    },
  });
  return offsets;
}

// Points at the first alias whose anchor is missing, else at the first alias (alias-count limit).
function aliasOffset(doc: Document.Parsed): number {
  let first: number | undefined;
  let unresolved: number | undefined;
  const { visit } = yaml();
  visit(doc, {
    Alias(_key, node) {
      const offset = node.range?.[0] ?? 0;
      first ??= offset;
      if (node.resolve(doc) === undefined) {
        unresolved = offset;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return unresolved ?? first ?? 0;
}

function analyseToml(text: string): Analysis {
  try {
    return { violations: [], value: toml().parse(text) };
  } catch (error) {
    if (!(error instanceof toml().TomlError)) throw error;
    // smol-toml's message is "Invalid TOML document: <reason>" followed by a code excerpt.
    const reason = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    return { violations: [{ ...new LineIndex(text).fromLineColumn(error.line, error.column), message: reason }], value: undefined };
  }
}

function analyseXml(text: string): Analysis {
  const result = xml().XMLValidator.validate(text);
  if (result === true) return { violations: [], value: undefined };
  const { line, col, msg } = result.err;
  return { violations: [{ ...new LineIndex(text).fromLineColumn(line, col ?? 1), message: msg }], value: undefined };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- JSON Schema ----

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

function compileUncached(schemaText: string): CompiledSchema {
  const text = schemaText.charCodeAt(0) === 0xfeff ? schemaText.slice(1) : schemaText;
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    const v = jsonViolation(text, messageOf(error));
    throw validationFailed([{ ...fieldViolation('schema', 'syntax', `line ${v.line}, column ${v.column}: ${v.message}`), line: v.line, column: v.column }]);
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
