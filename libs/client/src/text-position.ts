// Line and column of an offset in a text: 1-based, columns in Unicode code points (what an editor
// shows), lines ended by \n, \r\n or a lone \r.
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: codePoints(text, lineStart, end) + 1 };
}

// Converts a UTF-16 column of a 1-based line (as some parsers report it) into code points.
export function codePointColumn(text: string, line: number, utf16Column: number): number {
  let lineStart = 0;
  for (let l = 1; l < line; l++) {
    const next = nextLineStart(text, lineStart);
    if (next < 0) break;
    lineStart = next;
  }
  return codePoints(text, lineStart, Math.min(text.length, lineStart + Math.max(1, utf16Column) - 1)) + 1;
}

function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}

function codePoints(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // the low half of a surrogate pair belongs to the character before it
    if (c >= 0xdc00 && c <= 0xdfff && i > from && isHigh(text.charCodeAt(i - 1))) continue;
    count += 1;
  }
  return count;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
