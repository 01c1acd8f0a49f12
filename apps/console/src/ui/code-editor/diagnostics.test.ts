import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { offsetOf, toLintDiagnostics } from './diagnostics';

const doc = Text.of(['server:', '  port: 80', '  名前: "😀x"', '']);

describe('offsetOf', () => {
  it('should turn a 1-based line and column into a document offset', () => {
    expect(offsetOf(doc, 1, 1)).toBe(0);
    expect(offsetOf(doc, 2, 3)).toBe(8 + 2);
  });

  it('should count columns in code points so characters outside the BMP take one column', () => {
    const line3 = doc.line(3).from;
    // "  名前: \"" is 7 code points; the emoji is column 8 and takes two UTF-16 units.
    expect(offsetOf(doc, 3, 8)).toBe(line3 + 7);
    expect(offsetOf(doc, 3, 9)).toBe(line3 + 9);
  });

  it('should clamp lines and columns outside the document', () => {
    expect(offsetOf(doc, 99, 1)).toBe(doc.line(4).from);
    expect(offsetOf(doc, 0, 0)).toBe(0);
    expect(offsetOf(doc, 1, 99)).toBe(doc.line(1).to);
  });
});

describe('toLintDiagnostics', () => {
  it('should mark the token starting at the reported place as an error', () => {
    const [key, emoji] = toLintDiagnostics(doc, [
      { line: 2, column: 3, message: 'duplicate' },
      { line: 3, column: 8, message: 'bad' },
    ]);
    expect(doc.sliceString(key.from, key.to)).toBe('port:');
    expect(doc.sliceString(emoji.from, emoji.to)).toBe('😀x"');
    expect(emoji).toMatchObject({ severity: 'error', message: 'bad' });
  });

  it('should mark a single space when the place is one', () => {
    const [space] = toLintDiagnostics(doc, [{ line: 2, column: 1, message: 'indent' }]);
    expect(doc.sliceString(space.from, space.to)).toBe(' ');
  });

  it('should use an empty range at the end of a line and on an empty line', () => {
    const [atEnd, empty] = toLintDiagnostics(doc, [
      { line: 1, column: 8, message: 'end' },
      { line: 4, column: 1, message: 'empty' },
    ]);
    expect(atEnd.from).toBe(7);
    expect(atEnd.to).toBe(7);
    expect(empty.from).toBe(empty.to);
  });
});
