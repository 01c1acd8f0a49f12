import type { ConfigType, FieldViolation } from '@switchboard/shared';
import type { Document } from 'yaml';
import { assertUnreachable } from '../../common/errors/assert-unreachable';
import { DomainError, fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { lazyRequire } from '../../common/lazy-require';
import { compileSchema, contentSchemaViolations, type CompiledSchema } from './config-schema-validation';
import { jsonViolation, LineIndex, messageOf, syntaxViolation, type ContentViolation } from './content-error-locator';
import { parseProperties } from './properties-parser';

const yaml = lazyRequire<typeof import('yaml')>('yaml');
const toml = lazyRequire<typeof import('smol-toml')>('smol-toml');
const xml = lazyRequire<typeof import('fast-xml-parser')>('fast-xml-parser');

// Syntax checks for config content, and its JSON Schema when one is attached, run before every
// publish. Every line/column reported here is 1-based; columns count Unicode code points (what an
// editor shows), not UTF-16 units or bytes. A leading BOM is ignored and does not shift columns.

const SCHEMA_TYPES: ReadonlySet<ConfigType> = new Set(['json', 'yaml', 'toml', 'properties']);
const MAX_CONTENT_VIOLATIONS = 10; // yaml can cascade one mistake into many errors
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
  if (violations.length === 0 && schema) violations.push(...contentSchemaViolations(schema, value));
  if (violations.length > 0) throw validationFailed(violations);
}

function toContentFieldViolation(v: ContentViolation): FieldViolation {
  return syntaxViolation('content', v);
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

function analyseJson(text: string): Analysis {
  try {
    return { violations: [], value: JSON.parse(text) as unknown };
  } catch (error) {
    return { violations: [jsonViolation(text, messageOf(error))], value: undefined };
  }
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
