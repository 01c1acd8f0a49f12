import { parse as parseTomlText, TomlError } from 'smol-toml';
import { parse as parseYamlText, YAMLParseError } from 'yaml';
import { ConfigParseError } from './errors.js';
import { parseProperties as parsePropertiesText, PropertiesSyntaxError } from './properties.js';
import { codePointColumn, positionAt } from './text-position.js';

// Parsers for config content. Each one throws a ConfigParseError naming where the first syntax
// error lies; `source` (e.g. "DEFAULT_GROUP/app.yaml") prefixes its message.

export function parseJson<T = unknown>(text: string, source?: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const { offset, reason } = locateJsonError(text, (error as Error).message);
    throw new ConfigParseError({ format: 'json', ...positionAt(text, offset), reason, source, cause: error });
  }
}

export function parseYaml<T = unknown>(text: string, source?: string): T {
  try {
    // YAML 1.2 core schema; warnings are not written to the process's stderr.
    return parseYamlText(text, { prettyErrors: false, logLevel: 'error' }) as T;
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    throw new ConfigParseError({ format: 'yaml', ...positionAt(text, error.pos[0]), reason: error.message.split('\n')[0], source, cause: error });
  }
}

export function parseToml<T = Record<string, unknown>>(text: string, source?: string): T {
  try {
    return parseTomlText(text) as T;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml's message is "Invalid TOML document: <reason>" and then an excerpt of the text.
    const reason = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    throw new ConfigParseError({ format: 'toml', line: error.line, column: codePointColumn(text, error.line, error.column), reason, source, cause: error });
  }
}

export function parseProperties(text: string, source?: string): Record<string, string> {
  try {
    return parsePropertiesText(text);
  } catch (error) {
    if (!(error instanceof PropertiesSyntaxError)) throw error;
    throw new ConfigParseError({ format: 'properties', line: error.line, column: codePointColumn(text, error.line, error.column), reason: error.message, source, cause: error });
  }
}

// V8 names the position of most JSON errors; "Unexpected token 'x', ..." only quotes a snippet.
// JSON.parse reads left to right, so every prefix holding the bad character fails before its end
// and every shorter one at its end: the shortest failing prefix ends at the bad character.
function locateJsonError(text: string, message: string): { offset: number; reason: string } {
  const positioned = / in JSON at position (\d+)/.exec(message);
  if (positioned) return { offset: Number(positioned[1]), reason: message.slice(0, positioned.index) };
  if (message.startsWith('Unexpected end of JSON input')) return { offset: text.trimEnd().length, reason: 'Unexpected end of JSON input' };
  const reason = message.replace(/, ".*$/s, '');
  let lo = 0;
  let hi = text.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (failsBeforeEnd(text.slice(0, mid))) hi = mid;
    else lo = mid;
  }
  return { offset: hi - 1, reason };
}

function failsBeforeEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (message.startsWith('Unexpected end of JSON input')) return false;
    const positioned = / in JSON at position (\d+)/.exec(message);
    return !positioned || Number(positioned[1]) < prefix.length;
  }
}
