// Java .properties as java.util.Properties.load reads them: `=`, `:` or whitespace between key and
// value, `#` / `!` comment lines, an odd trailing backslash continues the line, `\uXXXX` and
// `\t \n \r \f` escapes. A malformed `\u` escape and a continuation at the end of the text are
// errors (Java throws or drops text silently), reported with where they lie.

export class PropertiesSyntaxError extends Error {
  override readonly name = 'PropertiesSyntaxError';
  constructor(
    readonly line: number, // 1-based
    readonly column: number, // 1-based, in UTF-16 units of that line
    message: string,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([' ', '\t', '\f']);
const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

// A character of a logical line and where it was written.
interface Char {
  c: string;
  line: number;
  column: number;
}

export function parseProperties(text: string): Record<string, string> {
  const lines = text.split(/\r\n|\r|\n/);
  const entries = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    let start = skipSpace(lines[i], 0);
    if (start === lines[i].length || lines[i][start] === '#' || lines[i][start] === '!') continue;
    const logical: Char[] = [];
    for (;;) {
      const text = lines[i];
      const continued = trailingBackslashes(text) % 2 === 1;
      const end = continued ? text.length - 1 : text.length;
      for (let k = start; k < end; k++) logical.push({ c: text[k], line: i + 1, column: k + 1 });
      if (!continued) break;
      if (!lines.slice(i + 1).some((l) => skipSpace(l, 0) < l.length)) throw new PropertiesSyntaxError(i + 1, text.length, 'line continuation (trailing backslash) at end of text');
      i += 1;
      start = skipSpace(lines[i], 0); // a continued line's leading whitespace is not part of the value
    }
    const [key, value] = splitEntry(logical);
    entries.set(key, value);
  }
  // fromEntries defines own properties: a key such as "__proto__" stays a plain key.
  return Object.fromEntries(entries);
}

function splitEntry(chars: Char[]): [string, string] {
  let keyEnd = chars.length;
  let valueStart = chars.length;
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k].c;
    if (c === '\\') {
      k += 1; // an escaped character never separates
    } else if (c === '=' || c === ':') {
      keyEnd = k;
      valueStart = skipSpaceChars(chars, k + 1);
      break;
    } else if (WHITESPACE.has(c)) {
      keyEnd = k;
      valueStart = skipSpaceChars(chars, k);
      if (chars[valueStart]?.c === '=' || chars[valueStart]?.c === ':') valueStart = skipSpaceChars(chars, valueStart + 1);
      break;
    }
  }
  return [unescape(chars.slice(0, keyEnd)), unescape(chars.slice(valueStart))];
}

function unescape(chars: Char[]): string {
  let out = '';
  for (let p = 0; p < chars.length; p++) {
    const { c } = chars[p];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = chars[p + 1]?.c;
    if (next === undefined) break; // a lone backslash at the end of a value is dropped, as in Java
    if (next === 'u') {
      const hex = chars.slice(p + 2, p + 6).map((ch) => ch.c).join('');
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PropertiesSyntaxError(chars[p].line, chars[p].column, 'malformed \\uXXXX escape');
      out += String.fromCharCode(parseInt(hex, 16));
      p += 5;
    } else {
      out += ESCAPES[next] ?? next;
      p += 1;
    }
  }
  return out;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && WHITESPACE.has(text[i])) i++;
  return i;
}

function skipSpaceChars(chars: Char[], from: number): number {
  let i = from;
  while (i < chars.length && WHITESPACE.has(chars[i].c)) i++;
  return i;
}

function trailingBackslashes(text: string): number {
  let n = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) n++;
  return n;
}
