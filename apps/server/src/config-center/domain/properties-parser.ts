// Java .properties, following java.util.Properties.load: `=`, `:` or whitespace between key and value,
// `#`/`!` comment lines, a trailing odd backslash continues the line, `\uXXXX` and `\t\n\r\f` escapes.
// Two deliberate deviations, so that a publish cannot silently lose text: a malformed `\u` escape and
// a continuation with nothing after it (end of file) are errors, where Java throws or drops the backslash.

export interface PropertiesSyntaxError {
  line: number; // 1-based
  column: number; // 1-based, in Unicode code points
  message: string;
}

export type PropertiesParseResult =
  | { ok: true; value: Record<string, string> }
  | { ok: false; error: PropertiesSyntaxError };

// Where a run of the logical line came from, to point errors at the natural line the user wrote.
interface Segment {
  at: number; // offset in the logical line
  lineIndex: number;
  from: number; // UTF-16 offset in that natural line
}

class PropertiesError extends Error {
  constructor(
    readonly logicalIndex: number,
    message: string,
  ) {
    super(message);
  }
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

// Columns count code points, not UTF-16 units or bytes, so "😀" is one column as editors show it.
export function codePointColumn(text: string, lineStart: number, index: number): number {
  let column = index - lineStart + 1;
  for (let i = lineStart + 1; i < index; i++) {
    if (isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1))) column--;
  }
  return column;
}

export function parseProperties(content: string): PropertiesParseResult {
  // Java ends a line at \n, \r or \r\n; so do we, and line numbers follow the same rule.
  const lines = content.split(/\r\n|\r|\n/);
  let lastContentLine = -1;
  for (let i = lines.length - 1; i >= 0 && lastContentLine < 0; i--) {
    if (skipWhitespace(lines[i], 0) < lines[i].length) lastContentLine = i;
  }

  const entries = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const first = skipWhitespace(lines[i], 0);
    if (first === lines[i].length || lines[i][first] === '#' || lines[i][first] === '!') continue;

    const segments: Segment[] = [];
    let logical = '';
    let start = first;
    for (;;) {
      const text = lines[i];
      segments.push({ at: logical.length, lineIndex: i, from: start });
      if (!endsWithContinuation(text, start)) {
        logical += text.slice(start);
        break;
      }
      logical += text.slice(start, text.length - 1);
      if (i >= lastContentLine) {
        return failure(lines, i, text.length - 1, 'line continuation (trailing backslash) at end of file');
      }
      i++;
      start = skipWhitespace(lines[i], 0); // a continued line's leading whitespace is not part of the value
    }

    try {
      const [key, value] = splitEntry(logical);
      entries.set(key, value);
    } catch (error) {
      if (!(error instanceof PropertiesError)) throw error;
      const segment = segmentOf(segments, error.logicalIndex);
      return failure(lines, segment.lineIndex, segment.from + error.logicalIndex - segment.at, error.message);
    }
  }
  // fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
  return { ok: true, value: Object.fromEntries(entries) };
}

function splitEntry(logical: string): [string, string] {
  let keyEnd = logical.length;
  let valueStart = logical.length;
  for (let k = 0; k < logical.length; k++) {
    const c = logical[k];
    if (c === '\\') {
      k++; // the escaped character never separates
    } else if (c === '=' || c === ':') {
      keyEnd = k;
      valueStart = skipWhitespace(logical, k + 1);
      break;
    } else if (isWhitespace(c)) {
      keyEnd = k;
      valueStart = skipWhitespace(logical, k);
      if (logical[valueStart] === '=' || logical[valueStart] === ':') valueStart = skipWhitespace(logical, valueStart + 1);
      break;
    }
  }
  return [unescape(logical, 0, keyEnd), unescape(logical, valueStart, logical.length)];
}

function unescape(logical: string, from: number, to: number): string {
  const firstEscape = logical.indexOf('\\', from);
  if (firstEscape < 0 || firstEscape >= to) return logical.slice(from, to);
  let out = logical.slice(from, firstEscape);
  for (let p = firstEscape; p < to; p++) {
    const c = logical[p];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = logical[p + 1] ?? '';
    if (next === 'u') {
      const hex = logical.slice(p + 2, Math.min(p + 6, to));
      if (!HEX4.test(hex)) throw new PropertiesError(p, `malformed \\uXXXX escape "\\u${hex}": expected 4 hex digits`);
      out += String.fromCharCode(parseInt(hex, 16));
      p += 5;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next; // any other escaped character stands for itself
      p++;
    }
  }
  return out;
}

function endsWithContinuation(text: string, start: number): boolean {
  let backslashes = 0;
  for (let i = text.length - 1; i >= start && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function segmentOf(segments: Segment[], logicalIndex: number): Segment {
  let found = segments[0];
  for (const segment of segments) if (segment.at <= logicalIndex) found = segment;
  return found;
}

function failure(lines: string[], lineIndex: number, index: number, message: string): PropertiesParseResult {
  return { ok: false, error: { line: lineIndex + 1, column: codePointColumn(lines[lineIndex], 0, index), message } };
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWhitespace(text[i])) i++;
  return i;
}

function isWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\f';
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
