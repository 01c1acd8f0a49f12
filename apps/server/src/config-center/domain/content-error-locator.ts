import type { FieldViolation } from '@switchboard/shared';
import { fieldViolation } from '../../common/errors/domain-error';
import { codePointColumn } from './properties-parser';

// Where in the content a parser's error lies, as the line and column reported to the user:
// 1-based, columns counting Unicode code points (what an editor shows).

export interface ContentViolation {
  line: number;
  column: number;
  message: string;
}

// A syntax error of a text field (the content, or a schema) with where it lies.
export function syntaxViolation(field: string, v: ContentViolation): FieldViolation {
  return { ...fieldViolation(field, 'syntax', `line ${v.line}, column ${v.column}: ${v.message}`), line: v.line, column: v.column };
}

// Line starts are found once, lazily, so locating an error stays linear in the content size.
export class LineIndex {
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

export function jsonViolation(text: string, message: string): ContentViolation {
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

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
